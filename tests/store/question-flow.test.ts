import { afterEach, describe, expect, it } from 'vitest';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../src/core/conversation/state.js';
import { Engine } from '../../src/core/engine/engine.js';
import type { Turn } from '../../src/core/engine/interaction.js';
import type { BotReply } from '../../src/core/messages/model.js';
import { Deliverer, type Sender } from '../../src/core/outreach/deliver.js';
import type { Address } from '../../src/core/outreach/model.js';
import { silentLogger } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { defaultRuleBase } from '../helpers/rulebase.js';
import { databaseText } from '../helpers/database-text.js';
import { bothStores } from '../helpers/stores.js';

/**
 * A question to the coordinator through the engine, on both databases: asked from the web chat, arriving in
 * the coordinators' Slack channel, answered there, shown to the asker at their next turn, a reply back, and
 * closed, after which the asker's address is gone.
 */
const INBOX: Address = { platform: 'slack', channel: 'CINBOX' };
const VISITOR = 'web-bezoeker-7f3a';
const COORDINATOR = 'slack:UCOORD';

class CapturingSender implements Sender {
  readonly sent: { address: Address; reply: BotReply }[] = [];
  send(address: Address, reply: BotReply): Promise<void> {
    this.sent.push({ address, reply });
    return Promise.resolve();
  }
}

describe.each(bothStores())('a question to the coordinator, on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  /** `null`: questions are not set up here (no inbox, no back office). */
  async function setUp(inbox: Address[] | null = [INBOX]) {
    services = await connectStore(url(), { minimumCell: 1, secret: 'a-test-secret-of-at-least-thirty-two-chars' });
    const desk = services.questions(30);
    const ruleBase = defaultRuleBase();
    const coordinators = new Set([COORDINATOR]);
    const bot = new GedragsBot(ruleBase, new MemoryStateStore(), {
      usage: services.usage,
      ...(inbox ? { questions: { desk, outbox: services.outbox, inbox, coordinators, keepDays: 30 } } : {}),
    });
    const slack = new CapturingSender();
    const deliverer = new Deliverer(services.outbox, desk, { slack }, ruleBase.texts, silentLogger);
    const engine = new Engine(bot, silentLogger, undefined, (visitor) => deliverer.forVisitor(visitor, new Date()));
    const asker = (interaction: Turn['interaction']) =>
      engine.handle({ interaction, channel: 'web', user: VISITOR, place: { kind: 'direct' }, forms: 'none', address: { platform: 'web', visitor: VISITOR } });
    const coordinator = (interaction: Turn['interaction']) =>
      engine.handle({ interaction, channel: 'slack', user: COORDINATOR, place: { kind: 'shared', platform: 'slack', channel: 'CINBOX' }, forms: 'modal', address: { platform: 'slack', user: 'UCOORD' } });
    return { desk, engine, asker, coordinator, slack, deliverer, services };
  }

  const texts = (outcomes: Awaited<ReturnType<Engine['handle']>>) => outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply.text] : []));
  const last = (outcomes: Awaited<ReturnType<Engine['handle']>>) => {
    const replies = outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
    return replies[replies.length - 1]!;
  };

  it('goes from the asker to the inbox and back, without the asker in anything the coordinator sees', async () => {
    const { asker, coordinator, slack, deliverer, desk } = await setUp();
    const start = last(await asker({ kind: 'text', text: 'Ik wil anoniem een vraag voorleggen aan de integriteitscoördinator' }));
    expect(start.intent).toBe('vraag_voorleggen');
    expect(start.text).toContain('niet wie hem stelt');
    expect(start.text).toContain('30 dagen');

    const review = last(await asker({ kind: 'text', text: 'Mijn zwager solliciteert op een vacature in mijn team. Moet ik dat melden?' }));
    expect(review.text).toContain('> Mijn zwager solliciteert');
    expect(review.actions.map((a) => a.id)).toEqual(['vraag_versturen', 'vraag_aanpassen', 'vraag_stoppen']);

    const sent = last(await asker({ kind: 'action', id: 'vraag_versturen', value: '' }));
    const code = /V-[2-9A-HJ-NP-Z]{5}/.exec(sent.text)?.[0];
    expect(code).toBeDefined();

    await deliverer.runDue(new Date());
    expect(slack.sent).toHaveLength(1);
    expect(slack.sent[0]?.address).toEqual(INBOX);
    const posted = JSON.stringify(slack.sent[0]?.reply);
    expect(posted).toContain('Mijn zwager solliciteert');
    expect(posted).not.toContain(VISITOR);
    // In the database the asker is sealed and so is the question: neither can be read from a copy of it.
    const stored = await databaseText(services!.store);
    expect(stored).toContain(code!);
    expect(stored).not.toContain(VISITOR);
    expect(stored).not.toContain('zwager');

    const begin = last(await coordinator({ kind: 'action', id: 'vraag_beantwoorden', value: code! }));
    expect(begin.text).toContain(code!);
    await coordinator({ kind: 'text', text: 'Ja, meld het bij je leidinggevende en zit niet in de sollicitatiecommissie.' });
    const answered = last(await coordinator({ kind: 'action', id: 'vraag_versturen', value: '' }));
    expect(answered.text).toContain(code!);

    // The web chat cannot be written to: the answer comes first at the asker's next turn.
    const next = await asker({ kind: 'text', text: 'hallo' });
    const shown = texts(next);
    expect(shown[0]).toContain('zit niet in de sollicitatiecommissie');
    expect(next.filter((o) => o.kind === 'reply')).toHaveLength(2);

    await asker({ kind: 'action', id: 'vraag_reageren', value: code! });
    await asker({ kind: 'text', text: 'Dank je, en moet ik het ook bij HR melden?' });
    await asker({ kind: 'action', id: 'vraag_versturen', value: '' });
    await deliverer.runDue(new Date());
    expect(slack.sent).toHaveLength(2);
    expect(JSON.stringify(slack.sent[1]?.reply)).toContain('ook bij HR melden');

    const status = last(await asker({ kind: 'text', text: `status ${code!}` }));
    expect(status.text).toContain('zit niet in de sollicitatiecommissie');

    const closed = last(await asker({ kind: 'action', id: 'vraag_sluiten', value: code! }));
    expect(closed.text).toContain('gesloten');
    expect(await desk.askerOf(code!)).toBeNull();
    await deliverer.runDue(new Date());
    expect(slack.sent.map((s) => s.address)).toEqual([INBOX, INBOX, INBOX]);
  });

  it('someone else cannot read or answer the question', async () => {
    const { asker, engine, desk } = await setUp();
    await asker({ kind: 'text', text: 'ik wil een vraag stellen aan de integriteitscoordinator' });
    await asker({ kind: 'text', text: 'Mag ik een bijbaan als rijinstructeur hebben?' });
    const code = /V-[2-9A-HJ-NP-Z]{5}/.exec(last(await asker({ kind: 'action', id: 'vraag_versturen', value: '' })).text)?.[0];
    const other = (interaction: Turn['interaction']) =>
      engine.handle({ interaction, channel: 'web', user: 'iemand-anders', place: { kind: 'direct' }, forms: 'none', address: { platform: 'web', visitor: 'iemand-anders' } });
    expect(last(await other({ kind: 'text', text: `status ${code!}` })).text).not.toContain('rijinstructeur');
    expect(last(await other({ kind: 'action', id: 'vraag_beantwoorden', value: code! })).text).toContain('alleen de integriteitscoördinator');
    expect(last(await other({ kind: 'action', id: 'vraag_sluiten', value: code! })).text).not.toContain('is gesloten');
    expect((await desk.view(code!))?.status).toBe('open');
  });

  it('a sign of danger while typing gets the kind answer with people first, and the question stays ready to send', async () => {
    const { asker } = await setUp();
    await asker({ kind: 'text', text: 'kan ik een vraag voorleggen aan de integriteitscoördinator?' });
    const reply = last(await asker({ kind: 'text', text: 'Ik zie het niet meer zitten en wil niet meer leven door wat mijn leidinggevende doet' }));
    expect(reply.verdict).toBe('doorverwijzen');
    expect(reply.text).toContain('113');
    expect(reply.text).not.toMatch(/^(Ja|Nee)\b/);
    expect(reply.actions.map((a) => a.id)).toContain('vraag_versturen');
  });

  it('stopping keeps nothing; without an inbox the bot says how to reach the coordinator', async () => {
    const { asker, desk } = await setUp();
    await asker({ kind: 'text', text: 'ik wil een vraag voorleggen aan de integriteitscoördinator' });
    await asker({ kind: 'text', text: 'Mag ik een kerstpakket houden?' });
    const stopped = last(await asker({ kind: 'action', id: 'vraag_stoppen', value: '' }));
    expect(stopped.text).toContain('niets verstuurd');
    expect(await desk.inbox()).toHaveLength(0);
    await services?.close();
    const without = await setUp(null);
    const reply = last(await without.asker({ kind: 'text', text: 'ik wil een vraag voorleggen aan de integriteitscoördinator' }));
    expect(reply.text).toContain('integriteit@gemeente.example');
    expect(reply.actions.map((a) => a.id)).toContain('vertrouwenspersoon');
  });
});
