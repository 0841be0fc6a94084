import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import type { UsageCount } from '../../../src/core/usage.js';
import { FakeRegisters } from '../../helpers/fake-registers.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const NOW = new Date('2026-11-22T10:00:00Z').getTime();

function setup() {
  const registers = new FakeRegisters();
  const counts: UsageCount[] = [];
  const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(30 * 60_000, () => NOW), {
    registers,
    usage: { record: (c) => Promise.resolve(void counts.push(...c)) },
    now: () => NOW,
  });
  const say = (text: string) => bot.reply('c', text, { channel: 'slack', user: 'slack:U1' });
  return { bot, registers, counts, say };
}

async function run(say: (t: string) => Promise<{ text: string }>, turns: string[]) {
  let last = { text: '' };
  for (const t of turns) last = await say(t);
  return last;
}

describe('registering a gift in the conversation', () => {
  it('asks field by field, shows a summary with the verdict, and saves on "Opslaan"', async () => {
    const { registers, counts, say } = setup();
    expect((await say('Ik wil een geschenk registreren')).text).toContain('gekregen, of is het je alleen aangeboden');
    const summary = await run(say, ['Gekregen', 'vorige week vrijdag', 'Kerstpakket', 'ongeveer 35 euro', 'Bouwbedrijf De Vries', 'Leverancier', 'Ja, aangenomen', 'Gedeeld met het team']);
    expect(summary.text).toContain('• Datum: 13 november 2026');
    expect(summary.text).toContain('• Geschatte waarde: €35');
    expect(summary.text).toContain('Volgens de gedragscode mag dit, en meld je het bij je leidinggevende.');
    const saved = await say('Opslaan');
    expect(saved.text).toContain('Opgeslagen in het geschenkenregister');
    expect(registers.gifts).toEqual([
      expect.objectContaining({
        owner: 'slack:U1',
        direction: 'ontvangen',
        date: '2026-11-13',
        description: 'Kerstpakket',
        valueEuros: 35,
        giverRelation: 'leverancier',
        accepted: true,
        outcome: 'gedeeld',
        verdict: 'toegestaan_melden',
      }),
    ]);
    expect(counts.filter((c) => c.event === 'registratie')).toEqual([
      expect.objectContaining({ intent: 'geschenk', verdict: 'aangenomen', channel: 'slack' }),
    ]);
    // The counts never carry who registered.
    expect(JSON.stringify(counts)).not.toContain('U1');
  });

  it('a wrong answer names the field and asks again; nothing is stored', async () => {
    const { registers, say } = setup();
    await run(say, ['Ik wil een geschenk registreren', 'Gekregen']);
    expect((await say('31 februari')).text).toMatch(/^Datum: 31 februari bestaat niet\.\nWanneer was dat\?/);
    expect((await say('1-1-2099')).text).toMatch(/^Datum: die datum ligt in de toekomst/);
    await say('gisteren');
    expect((await say('<b>wijn</b>')).text).toMatch(/^Omschrijving: gebruik gewone tekst/);
    expect((await say('x'.repeat(5000))).text).toMatch(/^Omschrijving: hoogstens 200 tekens/);
    await say('Fles wijn');
    expect((await say('-20')).text).toMatch(/^Geschatte waarde: mag niet negatief zijn/);
    expect((await say('3000000 euro')).text).toMatch(/^Geschatte waarde: is onwaarschijnlijk hoog/);
    expect((await say('veel')).text).toMatch(/^Geschatte waarde: noem een bedrag/);
    expect(registers.gifts).toEqual([]);
  });

  it('right after a gift answer above the threshold, "Registreer dit geschenk" carries the facts and the refusal over', async () => {
    const { registers, say } = setup();
    await say('Mag ik een fles wijn van 80 euro aannemen van een leverancier?');
    const first = await say('Ik wil een geschenk registreren');
    expect(first.text).toContain('Wanneer was dat?');
    const summary = await run(say, ['vandaag', 'Fles wijn', 'Bouwbedrijf De Vries']);
    expect(summary.text).toContain('• Geschatte waarde: €80');
    expect(summary.text).toContain('• Aangenomen of afgeslagen: Afgeslagen');
    expect(summary.text).toContain('goed dat je het hebt afgeslagen');
    await say('Opslaan');
    expect(registers.gifts[0]).toMatchObject({ accepted: false, outcome: 'afgeslagen', verdict: 'niet_toegestaan', valueEuros: 80 });
  });

  it('"Wijzigen" changes one field and returns to the summary; "Annuleren" stores nothing', async () => {
    const { registers, say } = setup();
    await run(say, ['Ik wil een geschenk registreren', 'Gekregen', 'vandaag', 'Taart', '10', 'een inwoner', 'Geen van deze', 'Ja, aangenomen', 'Gedeeld met het team']);
    expect((await say('Wijzigen')).text).toBe('Wat wil je wijzigen?');
    expect((await say('Waarde')).text).toContain('Wat is de geschatte waarde');
    expect((await say('12')).text).toContain('• Geschatte waarde: €12');
    expect((await say('Annuleren')).text).toBe('Goed, ik heb niets opgeslagen.');
    expect(registers.gifts).toEqual([]);
  });
});

describe('registering a side job in the conversation', () => {
  it('asks the side-job fields and saves', async () => {
    const { registers, counts, say } = setup();
    expect((await say('Ik wil mijn bijbaan registreren')).text).toBe('Bij welke organisatie?');
    const summary = await run(say, ['Tennisclub De Lob', 'trainer', 'Betaald', '4,5', 'september 2024', 'Geen einddatum', 'subsidie en vergunning', 'Nee']);
    expect(summary.text).toContain('• Relatie met de werkgever: Krijgt subsidie van ons en krijgt vergunningen van ons');
    await say('Opslaan');
    expect(registers.sideJobs[0]).toMatchObject({ kind: 'nevenwerk', paid: true, hoursPerWeek: 4.5, startDate: '2024-09-01', relations: ['subsidie', 'vergunning'] });
    expect(counts.filter((c) => c.event === 'registratie')).toEqual([expect.objectContaining({ intent: 'nevenwerkzaamheden', verdict: 'gemeld' })]);
  });

  it('"geen nevenwerkzaamheden" is a declaration of its own', async () => {
    const { registers, say } = setup();
    const summary = await say('Ik wil doorgeven dat ik geen nevenwerkzaamheden heb');
    expect(summary.text).toContain('• Soort: Geen nevenwerkzaamheden');
    await say('Opslaan');
    expect(registers.sideJobs[0]).toMatchObject({ kind: 'geen' });
  });

  it('rejects absurd hours and an end before the start, naming the field', async () => {
    const { say } = setup();
    await run(say, ['Ik wil mijn nevenfunctie registreren', 'Stichting X', 'bestuurslid', 'Onbetaald']);
    expect((await say('200')).text).toMatch(/^Uren per week: hoogstens 80 uur per week/);
  });
});

describe('own entries: list, withdraw, export, delete all', () => {
  it('lists with numbers, withdraws by number, exports and deletes after a yes', async () => {
    const { registers, say } = setup();
    await registers.saveGift('slack:U1', { direction: 'ontvangen', date: '2026-11-01', description: 'Boek', valueEuros: 20, giverOrg: 'Uitgeverij', giverRelation: 'geen', accepted: true, outcome: 'gehouden' }, 'toegestaan_melden');
    registers.notices.push({ id: 'n1', owner: 'slack:U1', message: 'De coördinator heeft je registratie bekeken.', createdAt: '' });
    const list = await say('mijn registraties');
    expect(list.text).toContain('Bericht van de integriteitscoördinator: De coördinator heeft je registratie bekeken.');
    expect(list.text).toContain('1. 1 november 2026: Boek (€20, van Uitgeverij, zelf gehouden)');
    expect(registers.notices).toEqual([]);
    expect((await say('exporteer mijn gegevens')).text).toContain('"description": "Boek"');
    expect((await say('trek 1 in')).text).toBe('Registratie 1 is ingetrokken.');
    const after = (await say('mijn registraties')).text;
    expect(after).toContain('Ingetrokken:\n1 november 2026: Boek (€20, van Uitgeverij, zelf gehouden) — ingetrokken');
    expect(after).toContain('Je hebt nu geen lopende registraties.');
    // A withdrawn entry has no number: "wijzig 1" or "trek 1 in" cannot reach it.
    expect(after).not.toContain('1. ');
    expect((await say('verwijder mijn gegevens')).text).toContain('Weet je het zeker?');
    expect((await say('Ja, verwijder alles')).text).toBe('Al je gegevens in de registers zijn verwijderd.');
    expect(registers.gifts).toEqual([]);
  });

  it('without a store or without a user, says why it cannot register', async () => {
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore());
    const reply = await bot.reply('c', 'Ik wil een geschenk registreren');
    expect(reply).toMatchObject({ intent: 'registreren', verdict: 'geen' });
    expect(reply.text).toContain('zonder opslag');
  });
});

describe('the yearly side-job confirmation button', () => {
  it('confirms the year the round asked about (a December round answered in January), typed: this year', async () => {
    const { bot, registers, say } = setup();
    const reply = await bot.act('c', { id: 'nevenwerk_bevestigen', value: '2027' }, { channel: 'slack', user: 'slack:U1' });
    expect(reply.text).not.toBe('');
    await say('mijn nevenwerkzaamheden kloppen nog');
    expect(registers.confirmations[0]).toEqual({ owner: 'slack:U1', year: 2027 });
  });
});
