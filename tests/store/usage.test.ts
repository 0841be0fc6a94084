import { afterEach, describe, expect, it } from 'vitest';
import type { UsageCount } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { bothStores } from '../helpers/stores.js';

const at = (iso: string) => new Date(iso);
const question = (intent: string, verdict: string, when: string, channel: UsageCount['channel'] = 'cli'): UsageCount => ({
  event: 'vraag',
  intent,
  verdict,
  channel,
  at: at(when),
});

describe.each(bothStores())('usage counts and statistics on %s', (_name, url) => {
  let services: StoreServices | undefined;
  const open = async (minimumCell = 5) => {
    services = await connectStore(url(), { minimumCell });
    return services;
  };
  afterEach(async () => {
    await services?.close();
  });

  it('adds counts per hour and combination, and sums them per intent with "<5" for small cells', async () => {
    const s = await open();
    const counts = [
      ...Array.from({ length: 7 }, () => question('geschenk', 'toegestaan_melden', '2026-03-02T10:15:00Z')),
      ...Array.from({ length: 3 }, () => question('geschenk', 'niet_toegestaan', '2026-03-02T10:45:00Z')),
      question('informatie', 'niet_toegestaan', '2026-03-03T09:00:00Z'),
    ];
    await s.usage.record(counts);
    const table = await s.stats.table({ from: '2026-01-01', to: '2026-12-31', by: 'intent' });
    expect(table).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      by: 'intent',
      event: 'vraag',
      // 10 and 1 with their total 11 published: the 10 is hidden too, or the 1 would follow from the total.
      rows: [
        { key: 'geschenk', count: 'x' },
        { key: 'informatie', count: '<5' },
      ],
      total: 11,
    });
    const byVerdict = await s.stats.table({ from: '2026-01-01', to: '2026-12-31', by: 'verdict' });
    expect(byVerdict.rows).toEqual([
      { key: 'toegestaan_melden', count: 'x' },
      { key: 'niet_toegestaan', count: '<5' },
    ]);
  });

  it('a negative delta moves a count (a follow-up settles its question)', async () => {
    const s = await open(1);
    await s.usage.record([question('geschenk', 'vraag', '2026-05-01T08:00:00Z')]);
    await s.usage.record([
      { ...question('geschenk', 'vraag', '2026-05-01T08:00:00Z'), delta: -1 },
      question('geschenk', 'niet_toegestaan', '2026-05-01T08:00:00Z'),
    ]);
    const table = await s.stats.table({ from: '2026-05-01', to: '2026-05-01', by: 'verdict' });
    expect(table.rows).toEqual([{ key: 'niet_toegestaan', count: 1 }]);
  });

  it('groups by week, month and quarter in Dutch local time, with empty periods as 0', async () => {
    const s = await open(1);
    // 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
    await s.usage.record([question('geschenk', 'vraag', '2026-03-31T23:30:00Z'), question('help', 'geen', '2026-01-05T12:00:00Z')]);
    const months = await s.stats.table({ from: '2026-01-01', to: '2026-04-30', by: 'month' });
    expect(months.rows).toEqual([
      { key: '2026-01', count: 1 },
      { key: '2026-02', count: 0 },
      { key: '2026-03', count: 0 },
      { key: '2026-04', count: 1 },
    ]);
    const quarters = await s.stats.table({ from: '2026-01-01', to: '2026-06-30', by: 'quarter' });
    expect(quarters.rows).toEqual([
      { key: '2026-Q1', count: 1 },
      { key: '2026-Q2', count: 1 },
    ]);
    const weeks = await s.stats.table({ from: '2026-01-05', to: '2026-01-18', by: 'week' });
    expect(weeks.rows).toEqual([
      { key: '2026-W02', count: 1 },
      { key: '2026-W03', count: 0 },
    ]);
  });

  it('groups by channel', async () => {
    const s = await open(1);
    await s.usage.record([question('geschenk', 'vraag', '2026-02-01T10:00:00Z', 'slack'), question('help', 'geen', '2026-02-01T10:00:00Z', 'teams')]);
    const table = await s.stats.table({ from: '2026-02-01', to: '2026-02-01', by: 'channel' });
    expect(table.rows.map((r) => r.key).sort()).toEqual(['slack', 'teams']);
  });

  it('summarises a year next to the previous one', async () => {
    const s = await open();
    const many = (n: number, c: UsageCount) => Array.from({ length: n }, () => c);
    await s.usage.record([
      ...many(12, question('geschenk', 'toegestaan_melden', '2026-06-01T10:00:00Z')),
      ...many(6, question('geschenk', 'niet_toegestaan', '2025-06-01T10:00:00Z')),
      ...many(5, { event: 'registratie', intent: 'geschenk', verdict: 'geweigerd', channel: 'slack', at: at('2026-06-02T10:00:00Z') }),
      ...many(2, { event: 'registratie', intent: 'geschenk', verdict: 'aangenomen', channel: 'slack', at: at('2026-06-02T10:00:00Z') }),
      ...many(8, { event: 'doorverwijzing', intent: 'ongewenst_gedrag', verdict: 'doorverwijzen', channel: 'teams', at: at('2026-07-02T10:00:00Z') }),
    ]);
    const summary = await s.stats.yearSummary(2026);
    expect(summary.themes).toEqual([{ key: 'geschenk', label: 'Geschenken', count: 12, previous: 6 }]);
    const totals = Object.fromEntries(summary.totals.map((t) => [t.key, [t.count, t.previous]]));
    expect(totals).toMatchObject({
      vragen: [12, 6],
      geschenken_geregistreerd: [7, 0],
      geschenken_geweigerd: [5, 0],
      doorverwijzingen: [8, 0],
      dilemmas: [0, 0],
    });
  });

  it('keeps counts when the store is opened again (migrations run once)', async () => {
    const shared = url();
    const first = await connectStore(shared, { minimumCell: 1 });
    await first.usage.record([question('help', 'geen', '2026-01-01T10:00:00Z')]);
    await first.close();
    services = await connectStore(shared, { minimumCell: 1 });
    const table = await services.stats.table({ from: '2026-01-01', to: '2026-01-01', by: 'intent' });
    expect(table.rows).toEqual([{ key: 'help', count: 1 }]);
  });
});
