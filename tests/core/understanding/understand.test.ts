import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/core/understanding/understand.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const facts = (text: string) => {
  const { lexicon, intents } = defaultRuleBase();
  return understand(lexicon, intents, text).facts;
};

describe('understand: the facts the rules need', () => {
  it.each([
    ['Een inwoner wil me 20 euro contant geven', 'geld'],
    ['Ik kreeg 50 euro van een bewoner', 'geld'],
    ['Mag ik een cadeaubon aannemen?', 'waardebon'],
    ['Een leverancier biedt korting op mijn eigen keuken', 'gunst'],
    ['Een aannemer wil gratis een klus bij mij thuis doen', 'gunst'],
    ['Mag ik een fles wijn van 30 euro aannemen?', 'voorwerp'],
  ])('gift kind: %s → %s', (text, kind) => {
    expect(facts(text).giftKind).toBe(kind);
  });

  it.each([
    ['Mag ik de printer gebruiken voor privé?', 'beperkt'],
    ['Mag ik de printer mee naar huis nemen?', 'eigendom'],
    ['Mag ik mijn werklaptop mee naar huis nemen?', 'laptop'],
    ['Mag ik de dienstauto privé gebruiken?', 'dienstauto'],
    ['Mag ik mijn pakketjes op het werk laten bezorgen?', 'pakket'],
    ['Mag ik privépost via de postkamer versturen?', 'post'],
    ['Mag ik de parkeerkaarten gebruiken?', 'parkeerkaart'],
    ['Mag ik de bestelbus van de werf lenen?', 'eigendom'],
  ])('facility: %s → %s', (text, facility) => {
    expect(facts(text).facility).toBe(facility);
  });

  it('travel paid by others, and the giver', () => {
    expect(facts('Een leverancier betaalt mijn vlucht naar Rome')).toMatchObject({ trip: true, giver: 'leverancier' });
    expect(facts('Een aannemer nodigt me uit voor een diner')).toMatchObject({ trip: false, giver: 'aannemer' });
  });

  it('a value that is said to be unknown', () => {
    expect(facts('Ik kreeg een vaas, geen idee wat die waard is').valueUnknown).toBe(true);
    // Not knowing whether something is allowed is not an unknown value.
    expect(facts('Ik weet niet of ik deze fles wijn mag aannemen').valueUnknown).toBe(false);
  });

  it('mood: asking whether versus wanting to register', () => {
    const { lexicon, intents } = defaultRuleBase();
    expect(understand(lexicon, intents, 'Moet ik mijn bijbaan doorgeven?').intent).toBe('nevenwerkzaamheden');
    expect(understand(lexicon, intents, 'Ik wil mijn bijbaan doorgeven').intent).toBe('registreren');
    expect(understand(lexicon, intents, 'Kan ik hier mijn bijbaan registreren?').intent).toBe('registreren');
    expect(understand(lexicon, intents, 'Ik wil weten of ik mijn bijbaan moet melden').intent).toBe('nevenwerkzaamheden');
  });

  it('someone else\'s conduct is a report, the person\'s own situation is a question', () => {
    const { lexicon, intents } = defaultRuleBase();
    expect(understand(lexicon, intents, 'Een collega neemt cadeaus aan van leveranciers').intent).toBe('misstand_melden');
    expect(understand(lexicon, intents, 'Iemand wil me 50 euro toestoppen').intent).toBe('geschenk');
  });

  it('a word in a message is not a topic by itself', () => {
    const { lexicon, intents } = defaultRuleBase();
    expect(understand(lexicon, intents, 'Mijn printer doet het niet').intent).toBe('onbekend');
    expect(understand(lexicon, intents, 'Hoe boek ik een dienstreis?').intent).toBe('onbekend');
  });
});
