import { describe, expect, it } from 'vitest';
import { converse, defaultRuleBase } from '../../helpers/rulebase.js';

const QUESTIONS = [
  'Mag ik een fles wijn aannemen?',
  'Mag ik een fles wijn van 80 euro aannemen?',
  'Mag ik een fles wijn van 20 euro aannemen?',
  'Mag ik een cadeaubon aannemen?',
  'Een inwoner wil me 20 euro geven',
  'Een leverancier biedt korting op mijn eigen auto',
  'Ik kreeg iets, geen idee wat het waard is',
  'Een leverancier nodigt me uit voor een diner',
  'Een leverancier betaalt mijn reis naar Parijs',
  'Mag ik een bijbaan nemen?',
  'Ik heb aandelen in een bouwbedrijf',
  'Mag ik privé printen?',
  'Mag ik de aanhanger lenen?',
  'Mag ik mijn wachtwoord delen met een collega?',
  'Mijn broer doet een offerte bij mijn afdeling',
  'Ik word gepest',
  'Ik vermoed fraude',
  'Wie is de vertrouwenspersoon?',
  'Ik wil een geschenk registreren',
  'help',
  'Wat is het weer?',
];

const OPENINGS: Record<string, RegExp> = {
  toegestaan: /^Ja\b/,
  toegestaan_melden: /^Ja\b/,
  niet_toegestaan: /^Nee\b/,
  overleggen: /^Overleg\b/,
  melden: /^Meld\b/,
  vraag: /^Dat hangt af van/,
};

describe('answer texts', () => {
  it.each(QUESTIONS)('"%s": short, verdict first, no unfilled placeholder', async (question) => {
    const reply = await converse([question]);
    expect(reply.text.split(/\s+/).length).toBeLessThanOrEqual(80);
    expect(reply.text).not.toMatch(/\{[a-z]+\}/);
    const opening = OPENINGS[reply.verdict];
    if (opening) expect(reply.text).toMatch(opening);
  });

  it.each([
    ['Ik word gepest', 'de Klachtencommissie ongewenst gedrag', 'Huis voor Klokkenluiders'],
    ['Ik vermoed fraude bij een collega', 'het Huis voor Klokkenluiders', 'Klachtencommissie'],
    ['Wie is de vertrouwenspersoon?', 'bij de externe vertrouwenspersoon', 'Huis voor Klokkenluiders'],
  ])(
    'referral "%s" names the vertrouwenspersonen and the routes that fit (%s, not %s) and asks for nothing',
    async (question, route, notRoute) => {
      const reply = await converse([question]);
      const org = defaultRuleBase().organisation;
      for (const person of org.vertrouwenspersonen) expect(reply.text).toContain(person.naam);
      expect(reply.text).toContain(route);
      expect(reply.text).not.toContain(notRoute);
      expect(reply.text).not.toMatch(/\?/);
      expect(reply.text).not.toMatch(/\b(wie|welke collega|naam van|vertel me)\b/i);
      expect(reply.question).toBeUndefined();
      expect(reply.contacts?.length).toBeGreaterThan(0);
      expect(reply.actions.map((a) => a.id)).toContain('vertrouwenspersoon');
    },
  );

  it('a missing value is asked with the three choices of the threshold', async () => {
    const reply = await converse(['Mag ik deze fles champagne aannemen?']);
    expect(reply.text).toContain('Wat is de geschatte waarde?');
    expect(reply.question?.choices.map((c) => c.label)).toEqual([
      '€50 of minder',
      'Meer dan €50',
      'Weet ik niet',
    ]);
  });

  it('offers to register a gift after a gift answer', async () => {
    const reply = await converse(['Mag ik een fles wijn van 20 euro aannemen?']);
    expect(reply.actions[0]).toMatchObject({ id: 'registreer_geschenk', label: 'Registreer dit geschenk' });
  });
});

describe('the value in the answer reads as the person gave it', () => {
  it.each([
    [['Mag ik een taart aannemen?', 'meer dan €50'], 'geschenken boven €50 sla je af, en dit is meer dan €50 waard.'],
    [['Mag ik een taart aannemen?', '€50 of minder'], 'tot en met €50 mag dat, en dit is hooguit €50 waard.'],
    [['Mag ik een fles wijn van €49,95 aannemen?'], 'en dit is €49,95 waard.'],
    [['Mag ik een fles wijn van €1.250 aannemen?'], 'en dit is €1.250 waard.'],
  ])('%j', async (turns, phrase) => {
    expect((await converse(turns)).text).toContain(phrase);
  });
});
