import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { readForm, registerForm } from '../../../src/core/registers/form.js';
import type { UsageCount } from '../../../src/core/usage.js';
import { FakeRegisters } from '../../helpers/fake-registers.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const TEXTS = defaultRuleBase().texts;
const TODAY = '2026-11-22';

const gift = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Kerstpakket',
  valueEuros: 'ongeveer 35 euro',
  giverOrg: 'Bouwbedrijf De Vries',
  giverRelation: 'leverancier',
  accepted: 'ja',
  outcome: 'gedeeld',
};

describe('the register form', () => {
  it('reads a complete gift with the conversation parsers', () => {
    const read = readForm(TEXTS, 'geschenk', gift, TODAY, NOW);
    expect(read).toEqual({
      ok: true,
      draft: { ...gift, valueEuros: 35, accepted: true },
    });
  });

  it('an empty value means "weet ik niet"; a declined gift needs no outcome', () => {
    const read = readForm(TEXTS, 'geschenk', { ...gift, valueEuros: '', accepted: 'nee', outcome: undefined }, TODAY, NOW);
    expect(read).toMatchObject({ ok: true, draft: { valueEuros: null, accepted: false, outcome: 'afgeslagen' } });
  });

  it('comes back with each problem next to its field and every value kept', () => {
    const read = readForm(TEXTS, 'geschenk', { ...gift, date: '2027-01-01', valueEuros: 'veel', giverOrg: '' }, TODAY, NOW);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const byKey = Object.fromEntries(read.form.fields.map((f) => [f.key, f]));
    expect(byKey.date).toMatchObject({ value: '2027-01-01', error: 'die datum ligt in de toekomst' });
    expect(byKey.valueEuros).toMatchObject({ value: 'veel', error: expect.stringContaining('noem een bedrag') });
    expect(byKey.giverOrg).toMatchObject({ error: 'vul dit in' });
    expect(byKey.description).toMatchObject({ value: 'Kerstpakket' });
    expect(byKey.description?.error).toBeUndefined();
  });

  it('an accepted gift needs to say what happened to it', () => {
    const read = readForm(TEXTS, 'geschenk', { ...gift, outcome: '' }, TODAY, NOW);
    expect(read.ok ? null : read.form.fields.find((f) => f.key === 'outcome')?.error).toBe('vul dit in');
  });

  it('reads side jobs, including "geen nevenwerkzaamheden" without any other field', () => {
    expect(readForm(TEXTS, 'nevenwerk', { kind: 'geen' }, TODAY, NOW)).toMatchObject({
      ok: true,
      draft: { kind: 'geen', organisation: 'geen', role: 'geen', paid: false, relations: [] },
    });
    const job = readForm(TEXTS, 'nevenwerk', {
      kind: 'nevenwerk',
      organisation: 'Voetbalclub SVV',
      role: 'penningmeester',
      paid: 'nee',
      hoursPerWeek: '3',
      startDate: 'september 2024',
      relations: ['subsidie'],
    }, TODAY, NOW);
    expect(job).toMatchObject({ ok: true, draft: { hoursPerWeek: 3, startDate: '2024-09-01', relations: ['subsidie'], publish: false } });
    const wrong = readForm(TEXTS, 'nevenwerk', { kind: 'nevenwerk', organisation: 'X Y', role: 'lid', relations: ['vriendschap'] }, TODAY, NOW);
    expect(wrong.ok ? null : wrong.form.fields.find((f) => f.key === 'relations')?.error).toContain('kies een van de mogelijkheden');
  });

  it('a prefilled form shows stored values the way the inputs expect them', () => {
    const form = registerForm(TEXTS, 'geschenk', { valueEuros: 80, accepted: false, outcome: 'afgeslagen' });
    const byKey = Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
    expect(byKey).toMatchObject({ valueEuros: '80', accepted: 'nee' });
    expect(byKey.outcome).toBeUndefined();
  });
});

describe('registering with a form through the bot', () => {
  it('is prefilled from the answer just given, stores once, counts once, and confirms with the verdict', async () => {
    const registers = new FakeRegisters();
    const counts: UsageCount[] = [];
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(30 * 60_000, () => NOW.getTime()), {
      registers,
      usage: { record: (c) => Promise.resolve(void counts.push(...c)) },
      now: () => NOW.getTime(),
    });
    const context = { channel: 'teams' as const, user: 'teams:U1' };
    await bot.reply('c', 'Een leverancier wil me een fles wijn van 80 euro geven', context);
    const opened = await bot.registrationForm('c', 'geschenk', context);
    expect('form' in opened).toBe(true);
    if (!('form' in opened)) return;
    const values = Object.fromEntries(opened.form.fields.map((f) => [f.key, f.value]));
    expect(values).toMatchObject({ valueEuros: '80', giverRelation: 'leverancier', accepted: 'nee', date: TODAY });
    const submitted = await bot.submitRegistration('c', 'geschenk', { ...values, description: 'Fles wijn', giverOrg: 'Wijnhandel Bos' }, context);
    expect('reply' in submitted && submitted.reply.text).toContain('Opgeslagen in het geschenkenregister');
    expect('reply' in submitted && submitted.reply.text).toContain('goed dat je het hebt afgeslagen');
    expect(registers.gifts).toHaveLength(1);
    expect(counts.filter((c) => c.event === 'registratie')).toEqual([expect.objectContaining({ verdict: 'geweigerd', channel: 'teams' })]);
  });

  it('without a user there is nobody to register for, and it says so', async () => {
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(60_000), { registers: new FakeRegisters() });
    const opened = await bot.registrationForm('c', 'nevenwerk', { channel: 'teams' });
    expect('reply' in opened && opened.reply.text).toContain('Ik weet niet wie je bent');
  });
});
