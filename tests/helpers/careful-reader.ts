import * as highsPackage from 'highs';
import type { Grid } from '../../src/reports/grid.js';
import type { Shown } from '../../src/reports/suppression.js';

/**
 * The careful reader: takes only what a table publishes (its cells, row totals, column totals and grand
 * total, with "<5" meaning 1…4 and "x" meaning at least 5) and asks an integer-programming solver
 * (HiGHS) for the smallest and largest value every hidden number can have. A "<5" whose smallest and
 * largest possible values are equal has been worked out.
 */
type Highs = highsPackage.Highs;
/** The package's ESM build exports the loader as default; its types describe the CommonJS one. */
const highsLoader = highsPackage.default as unknown as () => Promise<Highs>;
let solver: Promise<Highs> | undefined;

export interface Derivation {
  /** "row|column", "row|*", "*|column" or "*". */
  cell: string;
  min: number;
  max: number;
}

interface Published {
  terms: string[];
  shown: Shown;
  cell: string;
}

/** Every number a set of tables publishes, as a sum over unknown atoms named `prefix_row_column`. */
export function publishedSums(grid: Grid, prefix: string): Published[] {
  const columns = grid.columns.map((c, i) => ({ ...c, i })).filter((c) => c.hasData);
  const atom = (r: number, c: number) => `${prefix}_${String(r)}_${String(c)}`;
  const out: Published[] = [];
  grid.rows.forEach((row, r) => {
    for (const c of columns) out.push({ terms: [atom(r, c.i)], shown: row.cells[c.i]!, cell: `${row.key}|${c.key}` });
    if (columns.length > 0) out.push({ terms: columns.map((c) => atom(r, c.i)), shown: row.total, cell: `${row.key}|*` });
  });
  for (const c of columns) out.push({ terms: grid.rows.map((_, r) => atom(r, c.i)), shown: grid.totals[c.i]!, cell: `*|${c.key}` });
  if (columns.length > 0) out.push({ terms: grid.rows.flatMap((_, r) => columns.map((c) => atom(r, c.i))), shown: grid.total, cell: '*' });
  return out;
}

/** Min and max of every "<5" over all integer tables consistent with everything published. */
export async function deriveSmallCells(published: Published[], minimum = 5): Promise<Derivation[]> {
  solver ??= highsLoader();
  const highs = await solver;
  const atoms = [...new Set(published.flatMap((p) => p.terms))];
  const constraints: string[] = [];
  published.forEach((p, i) => {
    const sum = p.terms.join(' + ');
    if (p.shown.kind === 'getal') constraints.push(` c${String(i)}: ${sum} = ${String(p.shown.value)}`);
    else if (p.shown.kind === 'klein') {
      constraints.push(` l${String(i)}: ${sum} >= 1`, ` u${String(i)}: ${sum} <= ${String(minimum - 1)}`);
    } else if (p.shown.kind === 'afgeschermd') constraints.push(` x${String(i)}: ${sum} >= ${String(minimum)}`);
  });
  const results: Derivation[] = [];
  for (const p of published.filter((q) => q.shown.kind === 'klein')) {
    const solve = (sense: 'Minimize' | 'Maximize') => {
      const model = [
        sense,
        ` obj: ${p.terms.join(' + ')}`,
        'Subject To',
        ...constraints,
        'Bounds',
        ...atoms.map((a) => ` ${a} >= 0`),
        'General',
        ` ${atoms.join(' ')}`,
        'End',
      ].join('\n');
      const solution = highs.solve(model);
      if (solution.Status !== 'Optimal') throw new Error(`De lezer vond geen oplossing (${solution.Status}) voor ${p.cell}`);
      return Math.round(solution.ObjectiveValue);
    };
    results.push({ cell: p.cell, min: solve('Minimize'), max: solve('Maximize') });
  }
  return results;
}
