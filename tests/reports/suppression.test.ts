import { describe, expect, it } from 'vitest';
import { type Column, protectedGrid } from '../../src/reports/grid.js';
import { deriveSmallCells, publishedSums } from '../helpers/careful-reader.js';

/** A seeded generator, so a failing table can be reproduced. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Many small counts and zeros, some large ones: the tables where suppression is hard. */
function table(seed: number) {
  const next = random(seed);
  const rows = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => ({ key: `r${String(i)}`, label: `rij ${String(i)}` }));
  const columns: Column[] = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => ({
    key: `k${String(i)}`,
    label: `kolom ${String(i)}`,
    hasData: next() > 0.1,
  }));
  const values = new Map<string, number>();
  for (const r of rows) {
    for (const c of columns) {
      const roll = next();
      values.set(`${r.key}|${c.key}`, roll < 0.3 ? 0 : roll < 0.75 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 30));
    }
  }
  return { rows, columns, value: (r: string, c: string) => values.get(`${r}|${c}`) ?? 0 };
}

describe('secondary suppression', () => {
  it('a reader with an integer solver works out no "<5" in 100 random tables with totals', async () => {
    for (let seed = 1; seed <= 100; seed++) {
      const grid = await protectedGrid(table(seed), 5);
      const derived = await deriveSmallCells(publishedSums(grid, 'a'));
      const pinned = derived.filter((d) => d.min === d.max);
      expect(pinned, `tabel ${String(seed)}`).toEqual([]);
    }
  }, 120_000);

  it('hides a second cell next to a lone "<5", and shows the rest', async () => {
    const grid = await protectedGrid(
      {
        rows: [{ key: 'geschenk', label: 'Geschenken' }, { key: 'informatie', label: 'Informatie' }, { key: 'nevenwerk', label: 'Nevenwerk' }],
        columns: [{ key: 'n', label: 'aantal', hasData: true }],
        value: (r) => ({ geschenk: 10, informatie: 3, nevenwerk: 40 })[r] ?? 0,
      },
      5,
    );
    expect(grid.rows.map((r) => r.cells[0]?.kind)).toEqual(['afgeschermd', 'klein', 'getal']);
    expect(grid.total).toEqual({ kind: 'getal', value: 53 });
  });
});
