import { afterEach, describe, expect, it } from 'vitest';
import type { Address } from '../../src/core/outreach/model.js';
import { CODE_PATTERN } from '../../src/core/questions/model.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { bothStores } from '../helpers/stores.js';

const ASKER: Address = { platform: 'slack', user: 'U0ASKER01' };
const DAY = 24 * 60 * 60 * 1000;
const open: StoreServices[] = [];

afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
});

async function connect(url: string): Promise<StoreServices> {
  const services = await connectStore(url, { minimumCell: 5, secret: 'een-geheim-voor-deze-test-0123456789abcdef' });
  open.push(services);
  return services;
}

/** Every text the database holds for the questions, to search for the asker. */
async function everything(services: StoreServices): Promise<string> {
  const questions = await services.store.db.selectFrom('coordinator_questions').selectAll().execute();
  const messages = await services.store.db.selectFrom('question_messages').selectAll().execute();
  const outbox = await services.store.db.selectFrom('outbox').selectAll().execute();
  return JSON.stringify({ questions, messages, outbox });
}

describe.each(bothStores())('questions to the coordinator on %s', (_name, url) => {
  it('ask → inbox without the asker → answer → close: the address is gone, the question after the keeping time', async () => {
    const services = await connect(url());
    const desk = services.questions(30);
    const now = new Date('2026-11-25T09:00:00Z');
    const asked = await desk.ask('Mag ik als raadslid-ondersteuner op de kieslijst van een andere gemeente?', ASKER, 'slack', now);
    expect(asked.code).toMatch(CODE_PATTERN);
    expect(await everything(services)).not.toContain('U0ASKER01');
    const inbox = await desk.inbox();
    expect(inbox.map((q) => q.code)).toEqual([asked.code]);
    expect(JSON.stringify(inbox)).not.toContain('U0ASKER01');
    expect(await desk.askerOf(asked.code)).toEqual(ASKER);
    expect(await desk.viewAsAsker(asked.code, ASKER)).toMatchObject({ code: asked.code });
    expect(await desk.viewAsAsker(asked.code, { platform: 'slack', user: 'U0SOMEONE' })).toBeNull();
    const answered = await desk.reply(asked.code.toLowerCase(), 'coordinator', 'Ja, dat mag; meld het wel als nevenfunctie.', now);
    expect(answered).toMatchObject({ status: 'beantwoord', messages: [{ author: 'medewerker' }, { author: 'coordinator' }] });
    const closed = await desk.close(asked.code, new Date(now.getTime() + DAY));
    expect(closed?.status).toBe('gesloten');
    expect(await desk.askerOf(asked.code)).toBeNull();
    const row = await services.store.db.selectFrom('coordinator_questions').select('asker').executeTakeFirstOrThrow();
    expect(row.asker).toBeNull();
    expect(await desk.reply(asked.code, 'medewerker', 'Nog één ding', now)).toBeNull();
    expect(await desk.purge(new Date(now.getTime() + 30 * DAY))).toBe(0);
    expect(await desk.purge(new Date(now.getTime() + 31 * DAY + 1))).toBe(1);
    expect(await services.store.db.selectFrom('question_messages').selectAll().execute()).toEqual([]);
  });

  it('the coordinators\' page lists every question still kept, closed ones until they are purged, never the asker', async () => {
    const services = await connect(url());
    const desk = services.questions(30);
    const now = new Date('2026-11-25T09:00:00Z');
    const first = await desk.ask('Mag ik een lezing geven voor een leverancier?', ASKER, 'slack', now);
    const second = await desk.ask('Moet ik een lidmaatschap van een vereniging melden?', { platform: 'web', visitor: 'web:abc' }, 'web', new Date(now.getTime() + 1000));
    const third = await desk.ask('Wat doe ik met een kerstpakket thuisbezorgd?', ASKER, 'teams', new Date(now.getTime() + 2000));
    await desk.reply(second.code, 'coordinator', 'Ja, als het met je werk te maken heeft.', new Date(now.getTime() + 5000));
    await desk.reply(second.code, 'medewerker', 'Dank je, en als het een sportclub is?', new Date(now.getTime() + 6000));
    await desk.close(third.code, new Date(now.getTime() + DAY));
    const all = await desk.all();
    expect(all.map((q) => [q.code, q.status, q.messages.length])).toEqual([
      [first.code, 'open', 1],
      [second.code, 'beantwoord', 3],
      [third.code, 'gesloten', 1],
    ]);
    expect(all[1]?.messages.map((m) => m.author)).toEqual(['medewerker', 'coordinator', 'medewerker']);
    expect(all[1]?.messages[2]?.body).toBe('Dank je, en als het een sportclub is?');
    expect(all[0]).toMatchObject({ closedAt: null, deleteAfter: null });
    const later = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
    expect(all[2]).toMatchObject({ closedAt: later(1), deleteAfter: later(31) });
    expect(JSON.stringify(all)).not.toMatch(/U0ASKER01|web:abc|slack|teams/);
    expect(await desk.view(third.code)).toEqual(all[2]);
    await desk.purge(new Date(now.getTime() + 32 * DAY));
    expect((await desk.all()).map((q) => q.code)).toEqual([first.code, second.code]);
  });

  it('a question waiting too long is reminded about once, also with two instances', async () => {
    const shared = url();
    const [a, b] = [await connect(shared), await connect(shared)];
    const asked = await a.questions(30).ask('Hoe zit het met…', ASKER, 'web', new Date('2026-11-20T09:00:00Z'));
    const now = new Date('2026-11-25T09:00:00Z');
    const limit = new Date('2026-11-22T09:00:00Z');
    const reminded = await Promise.all([a, b].map((services) => services.questions(30).overdue(limit, now)));
    expect(reminded.flat().map((q) => q.code)).toEqual([asked.code]);
    expect(await a.questions(30).overdue(limit, new Date('2026-11-25T10:00:00Z'))).toEqual([]);
  });
});

describe.each(bothStores())('the outbox on %s', (_name, url) => {
  it('queues once per key, and two instances claiming at the same moment send each message once', async () => {
    const shared = url();
    const [a, b] = [await connect(shared), await connect(shared)];
    const now = new Date('2026-11-25T09:00:00Z');
    for (let i = 0; i < 20; i++) {
      const address = { platform: 'slack' as const, user: `U${String(i)}` };
      expect(await a.outbox.enqueue('vraag_antwoord', `antwoord:${String(i)}`, address, { code: 'V-ABCDE' }, now)).toBe(true);
    }
    expect(await b.outbox.enqueue('vraag_antwoord', 'antwoord:3', { platform: 'slack', user: 'U3' }, { code: 'V-ABCDE' }, now)).toBe(false);
    const [first, second] = await Promise.all([a.outbox.claimDue(now, 50), b.outbox.claimDue(now, 50)]);
    const claimed = [...first, ...second].map((o) => o.id);
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed).size).toBe(20);
    expect(await a.outbox.claimDue(now, 50)).toEqual([]);
    expect(JSON.stringify(await a.store.db.selectFrom('outbox').select('address').execute())).not.toMatch(/"U\d+"/);
    for (const id of claimed) await a.outbox.sent(id, now);
    expect((await a.store.db.selectFrom('outbox').select('address').execute()).every((r) => r.address === '')).toBe(true);
  });

  it('a failed send comes back later; a claim left by a stopped instance is taken over after a while', async () => {
    const services = await connect(url());
    const now = new Date('2026-11-25T09:00:00Z');
    await services.outbox.enqueue('beoordeling', 'b:1', { platform: 'slack', user: 'U1' }, {}, now);
    await services.outbox.enqueue('beoordeling', 'b:2', { platform: 'slack', user: 'U2' }, {}, now);
    const [one, two] = await services.outbox.claimDue(now, 10);
    await services.outbox.failed(one!.id, now);
    expect(await services.outbox.claimDue(new Date(now.getTime() + 60_000), 10)).toEqual([]);
    const later = await services.outbox.claimDue(new Date(now.getTime() + 10 * 60_000), 10);
    expect(later.map((o) => o.id).sort()).toEqual([one!.id, two!.id].sort());
  });

  it('a web visitor is told on the next visit, once', async () => {
    const services = await connect(url());
    const now = new Date('2026-11-25T09:00:00Z');
    await services.outbox.enqueue('vraag_antwoord', 'w:1', { platform: 'web', visitor: 'web:abc' }, { code: 'V-ABCDE' }, now);
    expect(await services.outbox.claimDue(now, 10)).toEqual([]);
    expect(await services.outbox.takeForVisitor('web:other', now)).toEqual([]);
    expect((await services.outbox.takeForVisitor('web:abc', now)).map((o) => o.payload)).toEqual([{ code: 'V-ABCDE' }]);
    expect(await services.outbox.takeForVisitor('web:abc', now)).toEqual([]);
  });
});
