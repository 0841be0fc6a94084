import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/core/text/normalize.js';
import { readAmount } from '../../../src/core/understanding/amount.js';

const value = (text: string, bare = false) =>
  readAmount(fold(text), { bareNumberIsValue: bare })?.value ?? null;

describe('readAmount: every form in the contract', () => {
  it.each([
    ['een fles van €80', 80],
    ['een fles van € 80', 80],
    ['een fles van 80 euro', 80],
    ['kosten EUR 80', 80],
    ['ongeveer 80 eu', 80],
    ['een pakket van €80,-', 80],
    ['waarde €50,-', 50],
    ['relatiegeschenk van €49,95', 49.95],
    ['een pen van €79.95', 79.95],
    ['een kerstpakket t.w.v. 75', 75],
    ['een kerstpakket twv 75', 75],
    ['een mand ter waarde van 45 euro', 45],
    ['een mand ter waarde van 45', 45],
    ['zo\'n 30 euro', 30],
    ['ongeveer 25 euro', 25],
    ['ongeveer 25', 25],
    ['tien euro', 10],
    ['twintig euro', 20],
    ['vijftig euro', 50],
    ['zestig euro', 60],
    ['tachtig euro', 80],
    ['honderd euro', 100],
    ['een tientje', 10],
    ['twee tientjes', 20],
    ['vijfenzeventig euro', 75],
    ['drieëntwintig euro', 23],
    ['tweehonderdvijftig euro', 250],
    ['honderd vijftig euro', 150],
    ['2 flessen van 30 euro per stuk', 60],
    ['twee flessen wijn van 30 euro per stuk', 60],
    ['6 flessen à €12', 72],
    ['6 flessen a 12 euro', 72],
    ['3 kaartjes van elk 40 euro', 120],
    ['1.250 euro', 1250],
    ['€1.250,50', 1250.5],
    ['een cadeau van vijtig euro', 50],
  ])('%s → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads a bare number only as a reply to the value question', () => {
    expect(value('ik denk 200', true)).toBe(200);
    expect(value('70', true)).toBe(70);
    expect(value('zestig', true)).toBe(60);
    expect(value('ik denk 200')).toBeNull();
    expect(value('Mag ik 2 flessen wijn aannemen?')).toBeNull();
  });

  it('keeps bounds: "meer dan 50" is above a threshold of 50, "minder dan 30" below', () => {
    expect(readAmount(fold('meer dan €50'))).toMatchObject({ value: 50, max: Number.POSITIVE_INFINITY });
    expect(readAmount(fold('meer dan €50'))?.min).toBeGreaterThan(50);
    expect(readAmount(fold('minder dan 30 euro'))).toMatchObject({ value: 30, min: 0, max: 30 });
    expect(readAmount(fold('tussen 40 en 60 euro'))).toMatchObject({ min: 40, max: 60 });
  });

  it('adds up items joined by "en"', () => {
    expect(value('een fles van 30 euro en een taart van 10 euro')).toBe(40);
  });
});

describe('readAmount: what is not an amount', () => {
  it.each([
    ['15% korting', true],
    ['15 procent korting', true],
    ['8 uur per week', true],
    ['om 8 uur', true],
    ['op 12-12-2026', true],
    ['op 12 december', true],
    ['in 2026', true],
    ['bel 06-12345678', true],
    ['bel 020 1234567', true],
    ['+31 6 12345678', true],
    ['Kerkstraat 12', true],
    ['om 15:30', true],
    ['3 dagen', true],
    // Words that are properties of every JavaScript object are still just words.
    ['de constructor van het gebouw', true],
    ['een constructor of een tostring', true],
  ])('%s', (text) => {
    expect(value(text, true)).toBeNull();
    expect(value(text)).toBeNull();
  });
});

describe('readAmount: how people write it in chat', () => {
  it.each([
    ['ik schat een euro of 15', 15],
    ['een cadeautje van 30 eurie', 30],
    ['een fles van 30 eruo', 30],
    ['€50 of minder', 50],
  ])('%s → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });
});

describe('readAmount: long sums next to money are amounts, long digit runs alone are phone numbers', () => {
  it('reads "3000000 euro" and ignores "0612345678"', () => {
    expect(value('3000000 euro', true)).toBe(3_000_000);
    expect(value('€ 2500000', true)).toBe(2_500_000);
    expect(value('0612345678', true)).toBeNull();
  });
});

describe('readAmount: the forms people use in chat (issue 11)', () => {
  it.each([
    ['een horloge van €1.200', false, 1200],
    ['een fles van 30,-', false, 30],
    ['18,50', true, 18.5],
    ['45 euro, eh nee 54', false, 54],
    ['40 euro, sorry ik bedoel 80', false, 80],
    ['2 flessen, elk zo\'n 30', false, 60],
    ['drie dozen bonbons, per stuk ongeveer 12 euro', false, 36],
    ['een briefje van 50', false, 50],
  ])('%s (reply to the value question: %s) → %s', (text, bare, expected) => {
    expect(value(text, bare)).toBe(expected);
  });

  it.each(['-20 euro', '€ -20', 'een cadeau van -15 euro'])('a negative amount is no amount: %s', (text) => {
    expect(value(text)).toBeNull();
    expect(value(text, true)).toBeNull();
  });
});

describe('readAmount: counts, worked-out totals and estimates', () => {
  const read = (text: string, bare = false) => readAmount(fold(text), { bareNumberIsValue: bare });

  it.each([
    ['drie potjes honing, 3x €8,50', 25.5],
    ['4 x 11 euro', 44],
    ['een kistje van twee keer 45 euro', 90],
  ])('a count times the price of one: %s → %s', (text, expected) => {
    expect(read(text)?.value).toBe(expected);
  });

  it.each([
    ['sorry, de mok was 10 en de tas 30, dus 40', 40],
    ['oh het waren er drie dus 90', 90],
    ['de lunch 35 en de wijn 20, samen 55', 55],
  ])('the total the person worked out wins over the parts: %s → %s', (text, expected) => {
    expect(read(text, true)?.value).toBe(expected);
  });

  it.each(['een doosje lekkers, €6 ofzo', 'kaas, 14 euro volgens de winkel', 'a box of cookies, maybe 12 euros'])(
    'an estimate after or before the sum is the value of a thing, not money given: %s',
    (text) => {
      expect(read(text)?.attached).toBe(true);
    },
  );
});
