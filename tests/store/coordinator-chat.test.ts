import { afterEach, describe, expect, it } from 'vitest';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../src/core/conversation/state.js';
import type { BotReply } from '../../src/core/messages/model.js';
import { Deliverer } from '../../src/core/outreach/deliver.js';
import type { Address } from '../../src/core/outreach/model.js';
import { silentLogger } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { defaultRuleBase } from '../helpers/rulebase.js';
import { bothStores } from '../helpers/stores.js';

describe.each(bothStores())('the coordinator in the chat, on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
  });

  it('lists everyone\'s entries and marks one reviewed; the employee sees the note; others are refused', async () => {
    services = await connectStore(url(), { minimumCell: 5, coordinators: ['teams:COORD'] });
    const { registers, coordinator } = services;
    const { contacts } = services;
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(), { registers, coordinator, contacts });
    const gift = await services.registers.saveGift(
      'slack:U7',
      { direction: 'ontvangen', date: '2026-11-02', description: 'Fles port', valueEuros: 18, giverOrg: 'Wijnhandel', giverRelation: 'leverancier', accepted: true, outcome: 'gehouden' },
      'toegestaan_melden',
    );
    // Opening one's own list keeps where one talks to the bot, so the review can come there.
    const u7 = { channel: 'slack' as const, user: 'slack:U7', address: { platform: 'slack' as const, user: 'U7' } };
    await bot.reply('u7', 'mijn registraties', u7);
    const refused = await bot.reply('u7', 'alle registraties', { channel: 'slack', user: 'slack:U7' });
    expect(refused.text).toContain('Dit kan alleen de integriteitscoördinator');
    const list = await bot.reply('c', 'alle registraties', { channel: 'teams', user: 'teams:COORD' });
    // A short code instead of the UUID, the same one the back office and the CLI show.
    const code = /(G-[0-9A-Z]{4}) {2}2 november 2026: Fles port/.exec(list.text)?.[1];
    expect(code).toBeDefined();
    expect((await services.workspace(50).find(code!))?.entry.id).toBe(gift.id);
    const asCoordinator = { channel: 'teams', user: 'teams:COORD' } as const;
    const review = await bot.reply('c', `beoordeel ${code!.toLowerCase()} Prima, dank voor het melden.`, asCoordinator);
    expect(review.text).toContain(`Registratie ${code!} is als bekeken gemarkeerd`);
    const sent: { address: Address; reply: BotReply }[] = [];
    const sender = { send: (address: Address, reply: BotReply) => Promise.resolve(void sent.push({ address, reply })) };
    const texts = defaultRuleBase().texts;
    const deliverer = new Deliverer(services.outbox, undefined, { slack: sender }, texts, silentLogger);
    await deliverer.runDue(new Date());
    expect(sent.map((s) => s.address)).toEqual([{ platform: 'slack', user: 'U7' }]);
    expect(sent[0]?.reply.text).toContain(code!);
    expect(sent[0]?.reply.text).not.toContain('Prima');
    const own = await bot.reply('u7', 'mijn registraties', { channel: 'slack', user: 'slack:U7' });
    expect(own.text).toContain('Prima, dank voor het melden.');
  });
});
