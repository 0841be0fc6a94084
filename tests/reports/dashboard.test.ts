import { afterEach, describe, expect, it } from 'vitest';
import type { UsageCount } from '../../src/core/usage.js';
import type { Dashboard } from '../../src/reports/dashboard.js';
import type { Shown } from '../../src/reports/suppression.js';
import { dashboardFor } from '../../src/server/backoffice/hr-page.js';
import { readTexts } from '../../src/core/texts/load.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { deriveSmallCells, publishedSums } from '../helpers/careful-reader.js';
import { bothStores } from '../helpers/stores.js';

/**
 * HR's dashboard over two years of small numbers, on both databases: every table, the comparison of
 * years and the registrations, as one careful reader with an integer solver would combine them. No
 * "<5" may come out as one value; months before the first count and after today have no data.
 */
const texts = readTexts();

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const THEMES = [
  'geschenk', 'uitnodiging', 'nevenwerkzaamheden', 'informatie', 'ongewenst_gedrag', 'vertrouwenspersoon', 'steun',
  'vraag_voorleggen', 'help',
];
const BANDS = ['0', '1', '2', '3', '6-10', '11+'];

/** March 2025 to November 2026: mostly small counts, some large, some months empty. */
function counts(): UsageCount[] {
  const next = seeded(7);
  const out: UsageCount[] = [];
  for (let month = 3; month <= 23; month++) {
    const year = month <= 12 ? 2025 : 2026;
    const m = ((month - 1) % 12) + 1;
    const at = new Date(`${String(year)}-${String(m).padStart(2, '0')}-10T10:00:00Z`);
    for (const intent of THEMES) {
      const roll = next();
      const n = roll < 0.25 ? 0 : roll < 0.7 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 25);
      for (let i = 0; i < n; i++) out.push({ event: 'vraag', intent, verdict: 'geen', channel: 'slack', at });
      if (intent === 'ongewenst_gedrag' || intent === 'vertrouwenspersoon') {
        for (let i = 0; i < Math.floor(n / 2); i++) out.push({ event: 'doorverwijzing', intent, verdict: 'doorverwijzen', channel: 'teams', at });
      }
    }
    for (let i = 0; i < Math.floor(next() * 8); i++) out.push({ event: 'dilemma', intent: 'dilemma', verdict: 'skybox-voetbal:a', channel: 'web', at });
    for (let i = 0; i < Math.floor(next() * 12); i++) out.push({ event: 'poll', intent: 'dilemma', verdict: 'skybox-voetbal:b', channel: 'slack', at });
    // Questions to the coordinator: mostly a handful a month, as in a municipality.
    const put = Math.floor(next() * 9);
    const question = (event: UsageCount['event'], verdict: string) => ({ event, intent: 'vraag_voorleggen', verdict, channel: 'web' as const, at });
    for (let i = 0; i < put; i++) out.push(question('vraag_voorgelegd', 'open'));
    for (let i = 0; i < Math.floor(put * next()); i++) out.push(question('vraag_beantwoord', BANDS[Math.floor(next() * BANDS.length)]!));
    for (let i = 0; i < Math.floor(put * next()); i++) out.push(question('vraag_gesloten', 'beantwoord'));
  }
  return out;
}

/** Everything both years' dashboards publish, as sums over unknown counts. */
function published(dashboards: Dashboard[]) {
  const sums: ReturnType<typeof publishedSums> = [];
  for (const d of dashboards) {
    for (const table of d.tables) {
      if (table.grid) sums.push(...publishedSums(table.grid, `${table.id}_${String(d.year)}`));
    }
    // The comparison of years repeats each year's row totals: the same unknowns, summed over that year's months.
    const years = d.tables.find((t) => t.id === 'jaren')!;
    years.columns.forEach((c, ci) => {
      const own = dashboards.find((x) => String(x.year) === c.key)?.tables.find((t) => t.id === 'vragen')?.grid;
      if (!own) return;
      const months = own.columns.map((col, i) => ({ col, i })).filter((x) => x.col.hasData);
      years.rows.forEach((row) => {
        const r = own.rows.findIndex((x) => x.key === row.key);
        const shown = row.cells[ci]!;
        if (r < 0 || shown.kind === 'geen') return;
        sums.push({ terms: months.map((m) => `vragen_${c.key}_${String(r)}_${String(m.i)}`), shown, cell: `jaren ${row.key} ${c.key}` });
      });
      const total: Shown = years.totals[ci]!;
      if (total.kind !== 'geen') {
        sums.push({ terms: own.rows.flatMap((_, r) => months.map((m) => `vragen_${c.key}_${String(r)}_${String(m.i)}`)), shown: total, cell: `jaren totaal ${c.key}` });
      }
    });
  }
  return sums;
}

describe.each(bothStores())('HR dashboard on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
  });

  it('a careful reader combining every table of both years works out no "<5"', async () => {
    services = await connectStore(url(), { minimumCell: 5 });
    await services.usage.record(counts());
    const gift = { direction: 'ontvangen' as const, description: 'Fles wijn', valueEuros: 20, giverOrg: 'Bouw BV', giverRelation: 'leverancier' as const };
    for (let i = 0; i < 9; i++) {
      await services.registers.saveGift(`slack:U${String(i)}`, { ...gift, date: `2026-0${String(1 + (i % 3))}-1${String(i)}`, accepted: i % 3 !== 0, outcome: i % 3 === 0 ? 'afgeslagen' : i % 2 ? 'gehouden' : 'gedeeld' }, 'toegestaan_melden');
    }
    const d2026 = await dashboardFor(services, texts, 2026, '2026-11');
    const d2025 = await dashboardFor(services, texts, 2025, '2026-11');
    expect(d2026.years).toEqual([2025, 2026]);

    const questions = d2026.tables.find((t) => t.id === 'vragen')!;
    // December 2026 is still to come: no data, not zero. January 2025 and February 2025 had no bot yet.
    expect(questions.columns.map((c) => c.hasData)).toEqual([...Array<boolean>(11).fill(true), false]);
    expect(questions.rows.every((r) => r.cells[11]?.kind === 'geen')).toBe(true);
    expect(d2025.tables.find((t) => t.id === 'vragen')!.columns.slice(0, 3).map((c) => c.hasData)).toEqual([false, false, true]);
    // Dutch labels, never keys.
    expect(questions.rows.map((r) => r.label)).toContain('Ongewenst gedrag');
    expect(questions.rows.map((r) => r.label)).not.toContain('ongewenst_gedrag');
    const kinds = (t: string) => d2026.tables.find((x) => x.id === t)!.rows.flatMap((r) => [...r.cells, r.total])
      .map((c) => c.kind);
    expect(kinds('vragen')).toContain('klein');
    expect(kinds('vragen')).toContain('afgeschermd');

    expect(kinds('voorgelegd')).toContain('klein');
    expect(d2026.tables.find((t) => t.id === 'voorgelegd')!.rows.map((r) => r.label))
      .toEqual(['Voorgelegd', 'Beantwoord (eerste antwoord)', 'Gesloten']);
    // Participation no longer repeats the questions put: each count is published in one table only.
    expect(d2026.tables.find((t) => t.id === 'deelname')!.rows.map((r) => r.key)).toEqual(['dilemma', 'poll']);
    expect(d2026.answerTime.kind).toBe('mediaan');

    const derived = await deriveSmallCells(published([d2025, d2026]));
    expect(derived.length).toBeGreaterThan(20);
    expect(derived.filter((x) => x.min === x.max)).toEqual([]);
  }, 120_000);

  it('themes steun and vraag_voorleggen are rows in their place; the median time to answer only from 5 answers', async () => {
    services = await connectStore(url(), { minimumCell: 5 });
    const at = new Date('2026-03-10T10:00:00Z');
    const count = (event: UsageCount['event'], intent: string, verdict: string, n: number): UsageCount[] =>
      Array.from({ length: n }, () => ({ event, intent, verdict, channel: 'slack' as const, at }));
    await services.usage.record([
      ...count('vraag', 'vertrouwenspersoon', 'doorverwijzen', 6),
      ...count('vraag', 'steun', 'doorverwijzen', 7),
      ...count('vraag', 'vraag_voorleggen', 'geen', 8),
      ...count('vraag', 'registreren', 'geen', 9),
      ...count('vraag_voorgelegd', 'vraag_voorleggen', 'open', 8),
      ...count('vraag_beantwoord', 'vraag_voorleggen', '1', 3),
    ]);
    const before = await dashboardFor(services, texts, 2026, '2026-11');
    expect(before.tables.find((t) => t.id === 'vragen')!.rows.map((r) => r.label)).toEqual([
      'Vertrouwenspersoon', 'Steun bij zorgen en spanning', 'Vraag aan de integriteitscoördinator', 'Registreren',
    ]);
    const put = before.tables.find((t) => t.id === 'voorgelegd')!;
    expect(put.rows.map((r) => r.key)).toEqual(['voorgelegd', 'beantwoord', 'gesloten']);
    // Put, answered and closed do not add up: no totals row, so the 8 can be shown beside the "<5".
    expect(put.columnTotals).toBe(false);
    expect([put.total, ...put.totals].every((c) => c.kind === 'geen')).toBe(true);
    expect(put.rows.map((r) => r.total)).toEqual([{ kind: 'getal', value: 8 }, { kind: 'klein' }, { kind: 'getal', value: 0 }]);
    // Three answers: their median would be one of theirs.
    expect(before.answerTime).toEqual({ kind: 'te_weinig' });
    await services.usage.record([
      ...count('vraag_beantwoord', 'vraag_voorleggen', '0', 1),
      ...count('vraag_beantwoord', 'vraag_voorleggen', '6-10', 3),
    ]);
    // Bands 0, 1, 1, 1, 6-10, 6-10, 6-10: the fourth of seven is in band 1.
    expect((await dashboardFor(services, texts, 2026, '2026-11')).answerTime).toEqual({ kind: 'mediaan', band: '1' });
    expect((await dashboardFor(services, texts, 2025, '2026-11')).answerTime).toEqual({ kind: 'geen' });
  });
});
