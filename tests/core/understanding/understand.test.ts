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
    expect(intentOf('kado melden')).toBe('registreren');
    expect(intentOf('nevenfunctie doorgeven')).toBe('registreren');
    expect(intentOf('bijbaan melden?')).toBe('nevenwerkzaamheden');
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

describe('understand: frames and the facts of issue 11', () => {
  it('money in any form is money', () => {
    for (const text of ['ze wil me een tientje in mijn hand drukken', 'een leverancier heeft 100 euro op mijn rekening gestort', 'hij gaf me een briefje van 50']) {
      expect(facts(text).giftKind, text).toBe('geld');
    }
  });

  it('a denial is not the thing denied', () => {
    expect(facts('geen cadeaubon maar een boek van 20 euro').giftKind).toBe('voorwerp');
    expect(understand(defaultRuleBase(), 'geen geld of bon ofzo, gewoon een doos koekjes').denied).toEqual(expect.arrayContaining(['geld', 'waardebon']));
  });

  it('"kan ik niet inschatten" and "geen flauw idee" are an unknown value', () => {
    expect(facts('ik kreeg een vaas, kan ik niet inschatten').valueUnknown).toBe(true);
    expect(facts('een beeldje van een aannemer, geen flauw idee wat het kost').valueUnknown).toBe(true);
  });

  it('a procedure the person handles, and one that is over', () => {
    expect(facts('de aanvrager van de vergunning die ik behandel gaf me bonbons').procedure).toBe(true);
    expect(facts('een inschrijver op onze lopende aanbesteding stuurde me een taart').procedure).toBe(true);
    expect(facts('een aannemer gaf me een taart, er loopt geen aanbesteding meer, die is al gegund').procedure).toBe(false);
  });

  it('a council seat: in the own organisation or elsewhere', () => {
    expect(facts('ik wil raadslid worden in onze eigen gemeente').politicalOffice).toBe('eigen');
    expect(facts('ik word gemeenteraadslid in mijn woonplaats, een andere gemeente').politicalOffice).toBe('elders');
    expect(facts('ik sta op de kieslijst voor onze gemeenteraad').politicalOffice).toBe('elders');
  });

  it('who acts: a colleague\'s conduct is a report, something done to the person is unwanted behaviour', () => {
    expect(understand(defaultRuleBase(), 'mijn collega deelt zijn wachtwoord met de hele afdeling').intent).toBe('misstand_melden');
    expect(understand(defaultRuleBase(), 'een inwoner heeft me bedreigd').facts.situation).toBe('dreiging');
    expect(understand(defaultRuleBase(), 'ik word niet gepest, maar mag ik mijn werklaptop mee naar huis nemen?').intent).toBe('privegebruik');
  });

  it('every classification has a probability and a margin', () => {
    const heard = understand(defaultRuleBase(), 'Mag ik een fles wijn van 30 euro aannemen?');
    expect(heard.confidence).toBeGreaterThan(0.5);
    expect(heard.margin).toBeGreaterThan(0);
    expect(heard.ranked[0]?.label).toBe('geschenk');
  });
});
