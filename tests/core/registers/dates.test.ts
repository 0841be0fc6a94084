import { describe, expect, it } from 'vitest';
import { parseDutchDate } from '../../../src/core/registers/dates.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const TEXTS = defaultRuleBase().texts;

// Sunday 22 November 2026, 10:00 in Amsterdam.
const NOW = new Date('2026-11-22T09:00:00Z');
const day = (text: string) => {
  const result = parseDutchDate(text, NOW);
  return result.ok ? result.day : `fout: ${TEXTS.t(result.problem.key, result.problem.values ?? {})}`;
};

describe('parseDutchDate', () => {
  it.each([
    ['vandaag', '2026-11-22'],
    ['gisteren', '2026-11-21'],
    ['eergisteren', '2026-11-20'],
    ['vorige week vrijdag', '2026-11-13'],
    ['vrijdag vorige week', '2026-11-13'],
    ['afgelopen maandag', '2026-11-16'],
    ['maandag', '2026-11-16'],
    ['zondag', '2026-11-15'],
    ['3 dagen geleden', '2026-11-19'],
    ['3 november', '2026-11-03'],
    ['3 nov', '2026-11-03'],
    ['12 december', '2025-12-12'],
    ['1 januari 2026', '2026-01-01'],
    ['3-11-2026', '2026-11-03'],
    ['3/11', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ['29 februari 2024', '2024-02-29'],
  ])('%s → %s', (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it.each([
    ['31 februari', '31 februari bestaat niet'],
    ['29 februari 2026', '29 februari bestaat niet'],
    ['31-4-2026', '31 april bestaat niet'],
    ['3 brumaire', '"brumaire" is geen maand'],
    ['ooit', 'die datum kan ik niet lezen'],
  ])('%s is refused: %s', (text, reason) => {
    expect(day(text)).toContain(reason);
  });

  it('counts days in Amsterdam: 23:30 UTC on 31 March is already 1 April', () => {
    const result = parseDutchDate('vandaag', new Date('2026-03-31T23:30:00Z'));
    expect(result).toEqual({ ok: true, day: '2026-04-01' });
  });
});
