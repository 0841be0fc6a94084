import { describe, expect, it } from 'vitest';
import { validateGift } from '../../../src/core/registers/validate.js';

const gift = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Kerstpakket',
  valueEuros: 35,
  giverOrg: 'Bouwbedrijf De Vries',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
} as const;

describe('register text fields', () => {
  it('drop invisible characters: zero-width spaces and bidi overrides cannot make a stored name read otherwise', () => {
    // U+202E turns "Bouw BV" around on screen; U+200B hides between letters; U+2066 isolates a run.
    const valid = validateGift({ ...gift, giverOrg: '\u202EVB wuoB\u202C', description: 'Kerst\u200Bpakket \u2066x\u2069' }, '2026-11-22');
    expect(valid.giverOrg).toBe('VB wuoB');
    expect(valid.description).toBe('Kerstpakket x');
    expect(`${valid.giverOrg}${valid.description}`).not.toMatch(/\p{Cf}/u);
  });
});
