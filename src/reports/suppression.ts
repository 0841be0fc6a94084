/**
 * Cell suppression for everything HR sees. Primary: a count from 1 to minimum−1 is shown as "<5".
 * Secondary: every published total is an equation (total = sum of its parts), and a "<5" that could be
 * worked out from the other numbers in any equation, or from several together, is protected by hiding
 * more cells ("x"). We assume the reader knows the rules: "<5" lies in 1…minimum−1, "x" is at least the
 * minimum, every other number is exact. Bounds are propagated through all equations until nothing
 * changes; while some "<5" is pinned to one value, the smallest open cell next to it is hidden too.
 */
export type CellState = 'open' | 'klein' | 'afgeschermd';

export interface Equation {
  total: string;
  parts: readonly string[];
}

/** A number as published: exact, "<5" (klein), hidden to protect a small one (afgeschermd), or no data. */
export type Shown = { kind: 'getal'; value: number } | { kind: 'klein' } | { kind: 'afgeschermd' } | { kind: 'geen' };

interface Interval {
  lo: number;
  hi: number;
}

/** What a reader can infer of every cell from what is published: the narrowest bounds the equations allow. */
export function inferBounds(
  values: ReadonlyMap<string, number>,
  states: ReadonlyMap<string, CellState>,
  equations: readonly Equation[],
  minimum: number,
): Map<string, Interval> {
  const bounds = new Map<string, Interval>();
  for (const [id, value] of values) {
    const state = states.get(id) ?? 'open';
    bounds.set(id, state === 'open' ? { lo: value, hi: value } : state === 'klein' ? { lo: 1, hi: minimum - 1 } : { lo: minimum, hi: Infinity });
  }
  const get = (id: string) => bounds.get(id) ?? { lo: 0, hi: Infinity };
  for (let round = 0; round < 1000; round++) {
    const progress = { changed: false };
    const tighten = (id: string, lo: number, hi: number) => {
      const b = get(id);
      const next = { lo: Math.max(b.lo, Math.ceil(lo)), hi: Math.min(b.hi, Math.floor(hi)) };
      if (next.lo !== b.lo || next.hi !== b.hi) {
        bounds.set(id, next);
        progress.changed = true;
      }
    };
    for (const { total, parts } of equations) {
      const sumLo = parts.reduce((s, p) => s + get(p).lo, 0);
      // The upper sum without Infinity − Infinity: count the unbounded parts apart.
      const unbounded = parts.filter((p) => get(p).hi === Infinity).length;
      const finiteHi = parts.reduce((s, p) => s + (get(p).hi === Infinity ? 0 : get(p).hi), 0);
      tighten(total, sumLo, unbounded > 0 ? Infinity : finiteHi);
      const t = get(total);
      for (const p of parts) {
        const b = get(p);
        const othersUnbounded = unbounded - (b.hi === Infinity ? 1 : 0);
        const othersHi = othersUnbounded > 0 ? Infinity : finiteHi - (b.hi === Infinity ? 0 : b.hi);
        const lo = othersHi === Infinity ? -Infinity : t.lo - othersHi;
        const hi = t.hi === Infinity ? Infinity : t.hi - (sumLo - b.lo);
        tighten(p, lo, hi);
      }
    }
    if (!progress.changed) break;
  }
  return bounds;
}

/** Decides which cells are shown, "<5" or hidden, so that no "<5" can be worked out from the rest. */
export function protect(
  values: ReadonlyMap<string, number>,
  equations: readonly Equation[],
  minimum: number,
  /** Cells hidden anyway (the solver's check in audit.ts asks for them). */
  alsoHidden: ReadonlySet<string> = new Set(),
): Map<string, CellState> {
  const states = new Map<string, CellState>();
  for (const [id, value] of values) states.set(id, value > 0 && value < minimum ? 'klein' : alsoHidden.has(id) ? 'afgeschermd' : 'open');
  const members = (e: Equation) => [...e.parts, e.total];
  const byCell = new Map<string, Equation[]>();
  for (const e of equations) for (const id of members(e)) byCell.set(id, [...(byCell.get(id) ?? []), e]);
  const value = (id: string) => values.get(id) ?? 0;
  /** The smallest open count of at least the minimum in the equation, parts before the total. */
  const candidate = (e: Equation): string | undefined => {
    const open = (ids: readonly string[]) => ids.filter((id) => states.get(id) === 'open' && value(id) >= minimum);
    const pick = (ids: string[]) => ids.sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0];
    return pick(open(e.parts)) ?? pick(open([e.total]));
  };
  for (let round = 0; round < values.size + 1; round++) {
    // First the plain rule: no equation may hide exactly one of its cells.
    let added = false;
    for (const e of equations) {
      const hidden = members(e).filter((id) => states.get(id) !== 'open');
      if (hidden.length !== 1) continue;
      const extra = candidate(e);
      if (extra) {
        states.set(extra, 'afgeschermd');
        added = true;
      }
    }
    if (added) continue;
    // Then what a careful reader could still work out, with the bounds of all equations together.
    const bounds = inferBounds(values, states, equations, minimum);
    const pinned = [...states].filter(([id, state]) => state === 'klein' && bounds.get(id)?.lo === bounds.get(id)?.hi).map(([id]) => id);
    if (pinned.length === 0) return states;
    for (const id of pinned) {
      const options = (byCell.get(id) ?? []).map(candidate).filter((c): c is string => c !== undefined);
      const extra = options.sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0];
      if (extra) {
        states.set(extra, 'afgeschermd');
        added = true;
        break;
      }
    }
    if (!added) {
      // Nothing left to hide next to it: hide the smallest open count anywhere in its equations' cells.
      const open = [...(byCell.get(pinned[0] ?? '') ?? [])].flatMap(members).filter((id) => states.get(id) === 'open' && value(id) > 0);
      const extra = open.sort((a, b) => value(a) - value(b))[0];
      if (!extra) return states;
      states.set(extra, 'afgeschermd');
    }
  }
  return states;
}

export function shown(value: number | null, state: CellState | undefined): Shown {
  if (value === null) return { kind: 'geen' };
  if (state === 'klein') return { kind: 'klein' };
  if (state === 'afgeschermd') return { kind: 'afgeschermd' };
  return { kind: 'getal', value };
}

/** As text in tables, CSV and the CLI: 12, "<5", "x", or "" for a period without data. */
export function shownText(s: Shown, minimum: number): string | number {
  switch (s.kind) {
    case 'getal':
      return s.value;
    case 'klein':
      return `<${String(minimum)}`;
    case 'afgeschermd':
      return 'x';
    case 'geen':
      return '';
  }
}

/** As JSON for machines: the number, "<5", "x", or null for no data. */
export function shownJson(s: Shown, minimum: number): number | string | null {
  return s.kind === 'geen' ? null : shownText(s, minimum);
}
