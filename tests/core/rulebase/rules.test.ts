import { describe, expect, it } from 'vitest';
import { loadRuleBase } from '../../../src/core/rulebase/load.js';
import { converse, copyOfRules, defaultRuleBase, editJson } from '../../helpers/rulebase.js';

/** Every rule of the default rule base, each with a question that must reach it. */
const RULE_CASES: [rule: string, question: string, verdict: string][] = [
  ['geschenk-geld', 'Een inwoner wil me 20 euro contant geven', 'niet_toegestaan'],
  ['geschenk-waardebon', 'Mag ik een cadeaubon van 10 euro aannemen?', 'niet_toegestaan'],
  ['geschenk-gunst', 'Een leverancier geeft me korting op mijn eigen keuken', 'niet_toegestaan'],
  ['geschenk-boven-grens', 'Mag ik een fles wijn van 80 euro aannemen?', 'niet_toegestaan'],
  ['geschenk-binnen-grens', 'Mag ik een fles wijn van 20 euro aannemen?', 'toegestaan_melden'],
  ['geschenk-waarde-onzeker', 'Ik kreeg een vaas, geen idee wat die waard is', 'overleggen'],
  ['geschenk-waarde-ontbreekt', 'Mag ik een fles wijn aannemen?', 'vraag'],
  ['uitnodiging-reis', 'Een leverancier betaalt mijn reis naar een congres in Parijs', 'niet_toegestaan'],
  ['uitnodiging-overleggen', 'Een aannemer nodigt me uit voor een diner', 'overleggen'],
  ['financieel-belang-melden', 'Ik heb aandelen in een bouwbedrijf', 'melden'],
  ['nevenwerk-melden', 'Mag ik een bijbaan in de horeca nemen?', 'melden'],
  ['prive-parkeerkaart', 'Mag ik de parkeerkaarten van het werk privé gebruiken?', 'niet_toegestaan'],
  ['prive-dienstauto', 'Mag ik de dienstauto privé gebruiken?', 'niet_toegestaan'],
  ['prive-pakketten', 'Mag ik mijn privépakketjes op kantoor laten bezorgen?', 'niet_toegestaan'],
  ['prive-post', 'Mag ik privépost via de postkamer versturen?', 'niet_toegestaan'],
  ['prive-laptop-thuiswerken', 'Mag ik mijn werklaptop mee naar huis nemen?', 'toegestaan'],
  ['prive-eigendom', 'Mag ik gereedschap van de werf lenen?', 'niet_toegestaan'],
  ['prive-beperkt-gebruik', 'Mag ik even privé internetten op mijn werk?', 'toegestaan'],
  ['informatie-wachtwoord', 'Mag ik mijn wachtwoord aan een collega geven?', 'niet_toegestaan'],
  ['informatie-privemail', 'Mag ik werkdocumenten naar mijn privémail sturen?', 'niet_toegestaan'],
  [
    'informatie-eigen-gewin',
    'Mag ik informatie uit een dossier gebruiken voor mijn eigen bedrijf?',
    'niet_toegestaan',
  ],
  [
    'informatie-vertrouwelijk',
    'Mag ik vertrouwelijke stukken op mijn bureau laten liggen?',
    'niet_toegestaan',
  ],
  ['informatie-gegevens', 'Mag ik gegevens van een inwoner opzoeken?', 'niet_toegestaan'],
  ['belangen-melden', 'Mijn broer heeft een offerte ingediend bij mijn afdeling', 'melden'],
  ['steun-ongewenst-gedrag', 'Ik word gepest door een collega', 'doorverwijzen'],
  ['steun-misstand', 'Ik vermoed fraude bij een collega', 'doorverwijzen'],
  ['steun-vertrouwenspersoon', 'Wie is de vertrouwenspersoon?', 'doorverwijzen'],
  ['registreren-start', 'Ik wil een geschenk registreren', 'geen'],
  ['dilemma-start', 'Geef me een dilemma', 'geen'],
  ['help', 'help', 'geen'],
  ['onbekend', 'Hoeveel vakantiedagen heb ik nog?', 'geen'],
  ['steun-niet-leven', 'Ik wil niet meer leven', 'doorverwijzen'],
  ['steun-nood', 'Ik ben totaal overspannen en slaap al weken niet', 'doorverwijzen'],
  ['steun-seksueel-geweld', 'Een collega heeft me aangerand op het werk', 'doorverwijzen'],
  ['steun-dreiging', 'Een inwoner heeft me aan de balie bedreigd', 'doorverwijzen'],
  ['vraag-voorleggen', 'Ik wil anoniem een vraag voorleggen aan de integriteitscoördinator', 'geen'],
  [
    'geschenk-lopende-procedure',
    'De aanvrager van de vergunning die ik behandel gaf me bonbons van 10 euro',
    'niet_toegestaan',
  ],
  [
    'uitnodiging-lopende-procedure',
    'Een inschrijver op de aanbesteding die ik beoordeel nodigt me uit voor een lunch',
    'niet_toegestaan',
  ],
  ['raad-of-wethouder-eigen-organisatie', 'Mag ik raadslid worden in onze eigen gemeenteraad?', 'niet_toegestaan'],
];

describe('the default rule base', () => {
  it('has a test case for every rule', () => {
    expect(
      defaultRuleBase()
        .rules.map((r) => r.name)
        .sort(),
    ).toEqual(RULE_CASES.map(([name]) => name).sort());
  });

  it.each(RULE_CASES)('%s: "%s" → %s', async (_rule, question, verdict) => {
    const reply = await converse([question]);
    expect(reply.verdict).toBe(verdict);
    expect(reply.source).toBeDefined();
  });

  it.each([
    ['€50 is allowed (only above the threshold is refused)', 'een cadeau van €50', 'toegestaan_melden', 50],
    ['€50,00 is allowed', 'een cadeau van €50,00', 'toegestaan_melden', 50],
    ['€50,01 is refused', 'een cadeau van €50,01', 'niet_toegestaan', 50.01],
    ['€49,99 is allowed', 'een cadeau van €49,99', 'toegestaan_melden', 49.99],
    ['€0,50 is allowed', 'een cadeau van €0,50', 'toegestaan_melden', 0.5],
    ['"meer dan €50" is refused', 'een cadeau van meer dan €50', 'niet_toegestaan', 50],
    ['"minder dan €50" is allowed', 'een cadeau van minder dan €50', 'toegestaan_melden', 50],
    ['"tussen 40 en 60 euro" needs a conversation', 'een cadeau tussen 40 en 60 euro', 'overleggen', 60],
    ['a total above the threshold is refused', '2 flessen van €26 per stuk gekregen', 'niet_toegestaan', 52],
    [
      'a total within the threshold is allowed',
      '2 flessen van €25 per stuk gekregen',
      'toegestaan_melden',
      50,
    ],
  ])('boundary: %s', async (_name, question, verdict, amount) => {
    const reply = await converse([`Mag ik ${question} aannemen?`]);
    expect(reply).toMatchObject({ intent: 'geschenk', verdict, amount });
  });

  it('money and vouchers are refused whatever their value', async () => {
    expect((await converse(['Mag ik een cadeaubon van 1 euro aannemen?'])).verdict).toBe('niet_toegestaan');
    expect((await converse(['Een inwoner wil me 2 euro fooi geven'])).verdict).toBe('niet_toegestaan');
  });

  it('invitations are discussed whatever they cost; trips paid by others are refused', async () => {
    expect(await converse(['Een leverancier nodigt me uit voor een lunch van 15 euro'])).toMatchObject({
      verdict: 'overleggen',
      amount: 15,
    });
    expect((await converse(['Een leverancier wil mijn vliegticket betalen'])).verdict).toBe(
      'niet_toegestaan',
    );
  });
});

describe('changing rules/ changes the answers without code', () => {
  it('a threshold of 25 refuses a €30 bottle that the default allows', async () => {
    const dir = copyOfRules((d) => {
      editJson(`${d}/organisatie.json`, (o) => Object.assign(o, { geschenkDrempel: 25 }));
    },
    );
    const question = 'Mag ik een fles wijn van 30 euro aannemen?';
    expect((await converse([question], loadRuleBase(dir))).verdict).toBe('niet_toegestaan');
    expect((await converse([question])).verdict).toBe('toegestaan_melden');
    expect((await converse([question], loadRuleBase(dir))).text).toContain('€25');
  });

  it('a changed answer text is what people see', async () => {
    const dir = copyOfRules((d) => {
      editJson(`${d}/overig.json`, (file) => {
        const rules = file.regels as { name: string; event: { params: { tekst: string } } }[];
        const help = rules.find((r) => r.name === 'help');
        if (help) help.event.params.tekst = 'Welkom bij de integriteitsbot van {organisatie}.';
      });
    },
    );
    expect((await converse(['help'], loadRuleBase(dir))).text).toBe(
      'Welkom bij de integriteitsbot van de gemeente.',
    );
  });

  it('the vertrouwenspersonen named in answers come from organisatie.json', async () => {
    const dir = copyOfRules((d) => {
      editJson(`${d}/organisatie.json`, (o) =>
        Object.assign(o, { vertrouwenspersonen: [{ naam: 'Fatima El Amrani', telefoon: '010 555 1234' }] }),
      );
    },
    );
    const reply = await converse(['Ik word gepest'], loadRuleBase(dir));
    expect(reply.text).toContain('Fatima El Amrani (010 555 1234)');
    expect(reply.contacts?.[0]).toMatchObject({ name: 'Fatima El Amrani', details: [{ kind: 'telefoon', value: '010 555 1234' }] });
  });
});
