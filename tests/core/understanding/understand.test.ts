import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/core/understanding/understand.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const facts = (text: string) => understand(defaultRuleBase(), text).facts;
const intentOf = (text: string) => understand(defaultRuleBase(), text).intent;

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
    expect(intentOf('Moet ik mijn bijbaan doorgeven?')).toBe('nevenwerkzaamheden');
    expect(intentOf('Ik wil mijn bijbaan doorgeven')).toBe('registreren');
    expect(intentOf('Kan ik hier mijn bijbaan registreren?')).toBe('registreren');
    expect(intentOf('Ik wil weten of ik mijn bijbaan moet melden')).toBe('nevenwerkzaamheden');
  });

  it('someone else\'s conduct is a report, the person\'s own situation is a question', () => {
    expect(intentOf('Een collega neemt cadeaus aan van leveranciers')).toBe('misstand_melden');
    expect(intentOf('Iemand wil me 50 euro toestoppen')).toBe('geschenk');
  });

  it('a word in a message is not a topic by itself', () => {
    expect(intentOf('Mijn printer doet het niet')).toBe('onbekend');
    expect(intentOf('Hoe boek ik een dienstreis?')).toBe('onbekend');
  });
});
