import { protectFully } from './audit.js';
import { type CellState, type Equation, type Shown, shown } from './suppression.js';

/**
 * A table of counts as HR sees it: rows (themes, kinds) by columns (months, years), with row totals,
 * column totals and a grand total, protected as one system of equations. A column without data (a
 * month before the first count or still to come) is no column of zeros: it has no numbers at all.
 */
export interface Line {
  key: string;
  label: string;
}

export interface Column extends Line {
  /** False for a period without any data: shown as such, not as zeros, and outside the sums. */
  hasData: boolean;
}

export interface GridInput {
  rows: Line[];
  columns: Column[];
  value(row: string, column: string): number;
  /**
   * False for rows that do not add up to anything (questions put, answered and closed): no column totals
   * and no grand total are published, so there is nothing meaningless to read and less to protect.
   */
  columnTotals?: boolean;
}

export interface GridRow extends Line {
  cells: Shown[];
  total: Shown;
}

export interface Grid {
  rows: GridRow[];
  columns: Column[];
  /** Per column, over all rows. */
  totals: Shown[];
  total: Shown;
  /** The raw cell ids with their state, for tests that play the careful reader. */
  audit: { values: Map<string, number>; states: Map<string, CellState>; equations: Equation[] };
}

export async function protectedGrid(input: GridInput, minimum: number): Promise<Grid> {
  const columns = input.columns.filter((c) => c.hasData);
  const oneRow = input.rows.length === 1;
  const oneColumn = columns.length === 1;
  const cellId = (r: string, c: string) => `${r}|${c}`;
  const rowTotalId = (r: string) => (oneColumn && columns[0] ? cellId(r, columns[0].key) : oneRow ? '*' : `${r}|*`);
  const columnTotalId = (c: string) => (oneRow && input.rows[0] ? cellId(input.rows[0].key, c) : oneColumn ? '*' : `*|${c}`);
  const values = new Map<string, number>();
  const cell = (r: string, c: string) => input.value(r, c);
  let grand = 0;
  for (const r of input.rows) {
    let row = 0;
    for (const c of columns) {
      values.set(cellId(r.key, c.key), cell(r.key, c.key));
      row += cell(r.key, c.key);
    }
    values.set(rowTotalId(r.key), row);
    grand += row;
  }
  const withColumnTotals = input.columnTotals ?? true;
  if (withColumnTotals) {
    for (const c of columns) {
      values.set(columnTotalId(c.key), input.rows.reduce((sum, r) => sum + cell(r.key, c.key), 0));
    }
  }
  // Without column totals "*" is only published as the row total of a single row.
  if (withColumnTotals || (oneRow && !oneColumn)) values.set('*', grand);
  const equations: Equation[] = [];
  const push = (total: string, parts: string[]) => {
    if (parts.length === 0 || (parts.length === 1 && parts[0] === total)) return;
    equations.push({ total, parts });
  };
  for (const r of input.rows) push(rowTotalId(r.key), columns.map((c) => cellId(r.key, c.key)));
  if (withColumnTotals) {
    for (const c of columns) push(columnTotalId(c.key), input.rows.map((r) => cellId(r.key, c.key)));
  }
  if (withColumnTotals && !oneRow && !oneColumn) {
    push('*', input.rows.map((r) => rowTotalId(r.key)));
    push('*', columns.map((c) => columnTotalId(c.key)));
  }
  const states = await protectFully(values, dedupe(equations), minimum);
  const show = (id: string) => shown(values.get(id) ?? 0, states.get(id));
  const none: Shown = { kind: 'geen' };
  const anyData = columns.length > 0;
  return {
    columns: input.columns,
    rows: input.rows.map((r) => ({
      ...r,
      cells: input.columns.map((c) => (c.hasData ? show(cellId(r.key, c.key)) : none)),
      total: anyData ? show(rowTotalId(r.key)) : none,
    })),
    totals: input.columns.map((c) => (c.hasData && withColumnTotals ? show(columnTotalId(c.key)) : none)),
    total: anyData && withColumnTotals ? show('*') : none,
    audit: { values, states, equations: dedupe(equations) },
  };
}

function dedupe(equations: Equation[]): Equation[] {
  const seen = new Set<string>();
  return equations.filter((e) => {
    const key = `${e.total}=${[...e.parts].sort().join('+')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
