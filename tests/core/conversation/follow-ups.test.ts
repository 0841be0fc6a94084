import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { FakeRegisters } from '../../helpers/fake-registers.js';
import { converse, defaultDilemmas, defaultRuleBase } from '../../helpers/rulebase.js';

/** The contract's "Conversations": follow-ups, acknowledgements, new questions, and referrals at any moment. */
const NOW = new Date('2026-11-22T10:00:00Z').getTime();

function setup() {
  const states = new MemoryStateStore(30 * 60_000, () => NOW);
  const bot = new GedragsBot(defaultRuleBase(), states, {
    registers: new FakeRegisters(),
    dilemmas: defaultDilemmas(),
    now: () => NOW,
  });
  const say = (text: string) => bot.reply('c', text, { channel: 'web', user: 'web:u1' });
  return { states, say };
}

describe('a later turn that adds or corrects facts recomputes the verdict', () => {
  it.each([
    [['Mag ik een kerstpakket van 40 euro aannemen?', 'nee wacht, het was 80'], 'geschenk', 'niet_toegestaan', 80],
    [['Mag ik een kerstpakket van 40 euro aannemen?', '40 euro, sorry ik bedoel 80'], 'geschenk', 'niet_toegestaan', 80],
    [['Een aannemer geeft me een fles wijn van 20 euro', 'het bedrijf doet mee aan de aanbesteding die ik beoordeel'], 'geschenk', 'niet_toegestaan', 20],
    [['Mag ik naar het diner van een adviesbureau?', 'ik behandel op dit moment hun offerte'], 'uitnodiging', 'niet_toegestaan', null],
    [['Ik kreeg een doos bonbons', 'van een leverancier', 'zo\'n 15 euro'], 'geschenk', 'toegestaan_melden', 15],
    [['Mag ik de bus van de werf gebruiken?', 'voor mijn verhuizing in het weekend'], 'privegebruik', 'niet_toegestaan', null],
    [['Ik sta op de kieslijst voor de gemeenteraad', 'van de gemeente waar ik werk, maar ik ben nog niet gekozen'], 'nevenwerkzaamheden', 'melden', null],
  ])('%j → %s %s', async (turns, intent, verdict, amount) => {
    const reply = await converse(turns);
    expect(reply).toMatchObject({ intent, verdict, amount });
  });

  it.each([
    [['Een teamleider kleineert een stagiaire steeds in het overleg', 'wat kan ik doen?'], 'ongewenst_gedrag'],
    [['Onze projectleider laat een aannemer zijn schuur verbouwen', 'wat moet ik daarmee?'], 'misstand_melden'],
    [['ik word al maanden genegeerd en uitgescholden door mijn collega\'s', 'en hoe nu verder'], 'ongewenst_gedrag'],
    [['een collega rekent reiskosten die hij nooit maakte', 'wat raad je me aan?'], 'misstand_melden'],
  ])('"what now?" after a referral stays with the referral: %j', async (turns, intent) => {
    const reply = await converse(turns);
    expect(reply).toMatchObject({ intent, verdict: 'doorverwijzen' });
  });

  it('"what now?" that names its own subject is a new question', async () => {
    const reply = await converse(['Mag ik een fles wijn van 30 euro aannemen?', 'wat moet ik doen met mijn bijbaan als schilder?']);
    expect(reply.intent).toBe('nevenwerkzaamheden');
  });

  it('a gift from a party in a procedure the person handles is refused whatever its value', async () => {
    const reply = await converse(['De aanvrager van de omgevingsvergunning die ik behandel gaf me een pen van 3 euro']);
    expect(reply).toMatchObject({ intent: 'geschenk', verdict: 'niet_toegestaan' });
    const done = await converse(['Een sportclub gaf me een pen van 3 euro; hun subsidie is al lang afgerond']);
    expect(done.verdict).toBe('toegestaan_melden');
  });

  it('a seat in the own council is incompatible, elsewhere it is reported', async () => {
    expect((await converse(['Mag ik wethouder worden in ons eigen college?'])).verdict).toBe('niet_toegestaan');
    expect((await converse(['Ik word raadslid in de buurgemeente, moet ik dat melden?'])).verdict).toBe('melden');
  });
});

describe('an acknowledgement keeps the state, a new question starts a new topic', () => {
  it('"ok dank je" keeps intent and verdict, with a short answer', async () => {
    const reply = await converse(['Een leverancier nodigt me uit voor een diner', 'ok dank je']);
    expect(reply).toMatchObject({ intent: 'uitnodiging', verdict: 'overleggen' });
    expect(reply.text.split(/\s+/).length).toBeLessThan(20);
  });

  it('after a referral an acknowledgement stays kind and keeps the referral', async () => {
    const reply = await converse(['Ik word gepest door mijn teamleider', 'ok, dank je wel']);
    expect(reply).toMatchObject({ intent: 'ongewenst_gedrag', verdict: 'doorverwijzen' });
    expect(reply.text).not.toMatch(/^\s*(ja|nee)\b/i);
    expect(reply.text).toContain('vertrouwenspersoon');
  });

  it('a new question does not inherit the old facts', async () => {
    const reply = await converse(['Mag ik een cadeaubon aannemen?', 'Mag ik een fles wijn van 20 euro aannemen?']);
    expect(reply).toMatchObject({ intent: 'geschenk', verdict: 'toegestaan_melden', amount: 20 });
  });
});

describe('a referral wins at any moment', () => {
  it('mid-registration: the referral, then "verder of stoppen?", and "verder" resumes at the same step', async () => {
    const { say, states } = setup();
    await say('Ik wil een geschenk registreren');
    const step = await say('Gekregen');
    const referral = await say('wie is de vertrouwenspersoon?');
    expect(referral).toMatchObject({ intent: 'vertrouwenspersoon', verdict: 'doorverwijzen' });
    expect(referral.text).toContain('Je registratie staat nog klaar. Wil je verder of stoppen?');
    expect(referral.question?.choices.map((c) => c.label)).toEqual(['Verder', 'Stoppen']);
    expect((await states.get('c'))?.registration).toBeDefined();
    const resumed = await say('verder');
    expect(resumed.text).toBe(step.text);
  });

  it('mid-registration: "ik word gepest" is answered as unwanted behaviour, "stoppen" then ends the registration', async () => {
    const { say, states } = setup();
    await say('Ik wil een geschenk registreren');
    await say('Gekregen');
    expect(await say('ik word gepest')).toMatchObject({ intent: 'ongewenst_gedrag', verdict: 'doorverwijzen' });
    const stopped = await say('stoppen');
    expect(stopped.text).toContain('niets opgeslagen');
    expect((await states.get('c'))?.registration).toBeUndefined();
  });

  it('every step of a registration offers "Stoppen"', async () => {
    const { say } = setup();
    for (const answer of ['Ik wil een geschenk registreren', 'Gekregen', 'gisteren', 'Kerstpakket']) {
      const reply = await say(answer);
      expect(reply.actions.map((a) => a.label)).toContain('Stoppen');
    }
  });

  it('mid-dilemma and at the value question', async () => {
    const { say } = setup();
    await say('geef me een dilemma');
    expect(await say('een inwoner heeft me net bedreigd aan de balie')).toMatchObject({ intent: 'ongewenst_gedrag', verdict: 'doorverwijzen' });
    const atValue = await converse(['Mag ik een taart aannemen?', 'eigenlijk wil ik met een mens praten']);
    expect(atValue).toMatchObject({ intent: 'vertrouwenspersoon', verdict: 'doorverwijzen' });
  });

  it('the state between turns is JSON facts only, never the message', async () => {
    const { say, states } = setup();
    await say('Mag ik de fles Moët van meneer Jansen aannemen? Hij kost ongeveer 70 euro');
    const state = await states.get('c');
    const json = JSON.stringify(state);
    expect(JSON.parse(json)).toEqual(state);
    expect(json).not.toMatch(/jansen|moet|fles/i);
  });
});

describe('knowing when it does not know', () => {
  it('a question with buttons instead of a guess, and the pick gets the verdict', async () => {
    const states = new MemoryStateStore();
    const bot = new GedragsBot(defaultRuleBase(), states);
    const rb = defaultRuleBase();
    const question = rb.classifier.thresholds;
    expect(question.zeker + question.marge).toBeGreaterThan(0);
    await bot.reply('c', 'Mag ik een kerstpakket aannemen?');
    await states.set('c', {
      facts: { ...(await states.get('c'))!.facts, concepts: ['geschenk_voorwerp'] },
      awaiting: 'onderwerp',
      topicChoices: ['geschenk', 'uitnodiging'],
      asked: 0,
      updatedAt: Date.now(),
    });
    const picked = await bot.reply('c', 'Een geschenk');
    expect(picked).toMatchObject({ intent: 'geschenk', verdict: 'vraag' });
    await states.set('c', { ...(await states.get('c'))!, awaiting: 'onderwerp', topicChoices: ['geschenk', 'uitnodiging'] });
    expect(await bot.reply('c', 'Iets anders')).toMatchObject({ intent: 'onbekend', verdict: 'geen' });
  });
});

describe('a question back counts once', () => {
  it('counted under the best guess when asked, moved to the chosen topic and its verdict when answered', async () => {
    const counts: { event: string; intent: string; verdict: string; delta?: number }[] = [];
    const usage = { record: (c: typeof counts) => Promise.resolve(void counts.push(...c)) };
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(), { usage });
    const asked = await bot.reply('c', 'mag ik iets van de aannemer hebben?');
    expect(asked.question?.slot).toBe('onderwerp');
    if (!asked.question) return;
    const guess = { intent: asked.intent, verdict: 'vraag' };
    expect(counts).toEqual([expect.objectContaining({ event: 'vraag', ...guess })]);
    // The second topic offered: a pick other than the guess, so the count has to move.
    const choice = asked.question.choices[1] ?? asked.question.choices[0]!;
    const answered = await bot.reply('c', choice.value);
    const net = new Map<string, number>();
    for (const c of counts.filter((x) => x.event === 'vraag')) {
      const key = `${c.intent}/${c.verdict}`;
      net.set(key, (net.get(key) ?? 0) + (c.delta ?? 1));
    }
    expect([...net].filter(([, n]) => n !== 0)).toEqual([[`${answered.intent}/${answered.verdict}`, 1]]);
  });
});
