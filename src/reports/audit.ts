import * as highsPackage from 'highs';
import { type CellState, type Equation, protect } from './suppression.js';

/**
 * The last word on suppression: an integer-programming solver (HiGHS, compiled to WebAssembly and
 * shipped in its npm package, so it runs offline) plays the careful reader. For every "<5" it finds
 * the smallest and largest value that agrees with everything published; while one of them is pinned
 * to a single value, one more cell next to it is hidden and the reader tries again.
 */
type Highs = highsPackage.Highs;
/** The package's ESM build exports the loader as default; its types describe the CommonJS one. */
const highsLoader = highsPackage.default as unknown as () => Promise<Highs>;
let loaded: Promise<Highs> | undefined;

function solver(): Promise<Highs> {
  loaded ??= highsLoader().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** The "<5" cells whose value the reader can work out exactly. */
export async function pinnedCells(
  values: ReadonlyMap<string, number>,
  states: ReadonlyMap<string, CellState>,
  equations: readonly Equation[],
  minimum: number,
): Promise<string[]> {
  const small = [...states].filter(([, s]) => s === 'klein').map(([id]) => id);
  if (small.length === 0) return [];
  const highs = await solver();
  const names = new Map<string, string>();
  let n = 0;
  const name = (id: string) => {
    let v = names.get(id);
    if (!v) {
      v = `v${String(n++)}`;
      names.set(id, v);
    }
    return v;
  };
  const rows = equations.map((e, i) => ` e${String(i)}: ${name(e.total)} - ${e.parts.map(name).join(' - ')} = 0`);
  const bounds: string[] = [];
  for (const [id, value] of values) {
    const state = states.get(id) ?? 'open';
    const v = name(id);
    if (state === 'open') bounds.push(` ${v} = ${String(value)}`);
    else if (state === 'klein') bounds.push(` 1 <= ${v} <= ${String(minimum - 1)}`);
    else bounds.push(` ${v} >= ${String(minimum)}`);
  }
  const general = ` ${[...names.values()].join(' ')}`;
  /** One optimal table for an objective over the given cells (+1 or −1 each). */
  const solve = (objective: [string, number][]): Map<string, number> => {
    const terms = objective.map(([id, sign]) => `${sign < 0 ? '-' : '+'} ${name(id)}`).join(' ');
    const model = ['Maximize', ` obj: ${terms}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'General', general, 'End'].join('\n');
    const result = highs.solve(model);
    if (result.Status !== 'Optimal') throw new Error(`Onderdrukking niet te controleren: ${result.Status}`);
    return new Map(small.map((id) => [id, Math.round(result.Columns[name(id)]?.Primal ?? 0)]));
  };
  // Every table the solver finds is one the reader cannot rule out: a cell that differs between two of
  // them is not pinned. Two broad tries settle most cells; the rest get their own minimum and maximum.
  const seen = new Map<string, Set<number>>(small.map((id) => [id, new Set<number>()]));
  const note = (table: Map<string, number>) => {
    for (const [id, v] of table) seen.get(id)?.add(v);
  };
  note(solve(small.map((id) => [id, 1])));
  note(solve(small.map((id) => [id, -1])));
  for (const id of small) {
    if ((seen.get(id)?.size ?? 0) > 1) continue;
    note(solve([[id, 1]]));
    if ((seen.get(id)?.size ?? 0) > 1) continue;
    note(solve([[id, -1]]));
  }
  return small.filter((id) => (seen.get(id)?.size ?? 0) <= 1);
}

/** `protect`, then the solver's check, hiding more until no "<5" can be worked out. */
export async function protectFully(
  values: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  minimum: number,
): Promise<Map<string, CellState>> {
  const forced = new Set<string>();
  for (let round = 0; round <= values.size; round++) {
    const states = protect(values, equations, minimum, forced);
    const pinned = await pinnedCells(values, states, equations, minimum);
    if (pinned.length === 0) return states;
    const before = forced.size;
    for (const id of pinned) {
      const extra = nextToHide(id, values, states, equations, minimum, forced);
      if (extra) forced.add(extra);
    }
    if (forced.size === before) {
      // Nothing sensible left to hide: hide every open cell of the pinned cells' equations.
      for (const e of equations.filter((q) => pinned.some((p) => q.total === p || q.parts.includes(p)))) {
        for (const id of [e.total, ...e.parts]) if (states.get(id) === 'open' && (values.get(id) ?? 0) > 0) forced.add(id);
      }
      if (forced.size === before) return states;
    }
  }
  throw new Error('Onderdrukking kwam niet tot rust');
}

/**
 * The smallest open count (at least the minimum) in the equations around a pinned cell; when there is
 * none, one step further out, through the hidden cells those equations share.
 */
function nextToHide(
  id: string,
  values: ReadonlyMap<string, number>,
  states: ReadonlyMap<string, CellState>,
  equations: readonly Equation[],
  minimum: number,
  forced: ReadonlySet<string>,
): string | undefined {
  const value = (c: string) => values.get(c) ?? 0;
  const seen = new Set<string>([id]);
  let frontier = [id];
  while (frontier.length > 0) {
    const near = equations
      .filter((e) => frontier.some((f) => e.total === f || e.parts.includes(f)))
      .flatMap((e) => [...e.parts, e.total]);
    const open = [...new Set(near)].filter((c) => states.get(c) === 'open' && !forced.has(c) && value(c) >= minimum);
    const pick = open.sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0];
    if (pick) return pick;
    frontier = [...new Set(near)].filter((c) => !seen.has(c) && states.get(c) !== 'open');
    for (const c of frontier) seen.add(c);
  }
  return undefined;
}
