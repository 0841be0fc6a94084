import { calendarDay } from '../core/texts/time.js';
import type { StatsTable } from '../store/services/stats.js';
import { toCsv } from './csv.js';
import type { AnswerTime, Dashboard } from './dashboard.js';
import { shownText } from './suppression.js';

/**
 * The statistics as HR reads them: an aligned table, CSV for a spreadsheet, or JSON. People see Dutch
 * labels only; JSON keeps the key beside the label for scripts. Runs of periods without data are one
 * line ("geen gegevens"), not rows of zeros.
 */
export type StatsFormat = 'table' | 'csv' | 'json';

/** Dutch words for keys, from rules/teksten/backoffice.json (see src/server/backoffice/texts.ts). */
export interface StatsLabels {
  key(by: StatsTable['by'], key: string): string;
  by(by: StatsTable['by']): string;
  event(event: string): string;
  total: string;
  noData: string;
  legend(minimum: number): string;
  yearTitle(year: number): string;
  tableTitle(id: string, year: number): string;
  /** The median time to a first answer of the coordinator, in words. */
  answerTime(a: AnswerTime, minimum: number): string;
}

function aligned(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => String(r[col] ?? '').length))) ?? [];
  // Numbers (and "<5", "x") line up on the right, words on the left.
  const cellText = (cell: string | number, col: number) => {
    const text = typeof cell === 'number' ? String(cell) : cell;
    const numeric = typeof cell === 'number' || /^(<\d+|x)$/.test(text);
    return numeric ? text.padStart(widths[col] ?? 0) : text.padEnd(widths[col] ?? 0);
  };
  return rows.map((r) => r.map(cellText).join('  ').trimEnd()).join('\n');
}

/** Consecutive periods without data as one row "2026-W01 t/m 2026-W39  geen gegevens". */
function collapsed(table: StatsTable, labels: StatsLabels): (string | number)[][] {
  const out: (string | number)[][] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const span = run.length === 1 ? (run[0] ?? '') : `${run[0] ?? ''} t/m ${run.at(-1) ?? ''}`;
    out.push([span, labels.noData]);
    run = [];
  };
  for (const r of table.rows) {
    if (r.count === null) {
      run.push(labels.key(table.by, r.key));
      continue;
    }
    flush();
    out.push([labels.key(table.by, r.key), r.count]);
  }
  flush();
  return out;
}

export function formatTable(table: StatsTable, format: StatsFormat, labels: StatsLabels, minimum: number): string {
  if (format === 'json') {
    const event = table.event === 'vraag' ? {} : { event: table.event };
    const rows = table.rows.map((r) => ({ key: r.key, label: labels.key(table.by, r.key), count: r.count }));
    return JSON.stringify({ from: table.from, to: table.to, by: table.by, ...event, rows, total: table.total });
  }
  const header = [labels.by(table.by), 'aantal'];
  const body = collapsed(table, labels);
  const total = [labels.total, table.total];
  if (format === 'csv') return toCsv([header, ...body, total]);
  const title = `${labels.event(table.event)} per ${labels.by(table.by)}, ${calendarDay(table.from)} t/m ${calendarDay(table.to)}`;
  return `${title}\n\n${aligned([header, ...body, total])}\n\n${labels.legend(minimum)}`;
}

/** `stats --year`: the dashboard's protected tables, as text, CSV or JSON; the same numbers as /hr. */
export function formatYear(d: Dashboard, format: StatsFormat, labels: StatsLabels, minimum: number): string {
  // On paper a period without data is a dash; in CSV and JSON an empty cell.
  const cell = (s: Parameters<typeof shownText>[0]) => (s.kind === 'geen' && format === 'table' ? '–' : shownText(s, minimum));
  const tables = d.tables.map((t) => {
    const withTotal = t.id !== 'jaren';
    const header = ['', ...t.columns.map((c) => c.label), ...(withTotal ? [labels.total] : [])];
    const rows = t.rows.map((r) => [r.label, ...r.cells.map(cell), ...(withTotal ? [cell(r.total)] : [])]);
    const totals = t.columnTotals ? [[labels.total, ...t.totals.map(cell), ...(withTotal ? [cell(t.total)] : [])]] : [];
    return { id: t.id, title: labels.tableTitle(t.id, d.year), header, rows: [...rows, ...totals] };
  });
  // Under the questions to the coordinator, as on the dashboard: the median time to a first answer.
  const median = labels.answerTime(d.answerTime, minimum);
  const after = (id: string) => (id === 'voorgelegd' ? [median] : []);
  if (format === 'json') {
    const json = tables.map((t) => ({ id: t.id, title: t.title, header: t.header, rows: t.rows }));
    const band = d.answerTime.kind === 'mediaan' ? d.answerTime.band : null;
    return JSON.stringify({ year: d.year, years: d.years, tables: json, answerTime: { median: band, label: median } });
  }
  if (format === 'csv') {
    type Table = (typeof tables)[number];
    const lines = (t: Table) => [[t.title], t.header.map(String), ...t.rows, ...after(t.id).map((l) => [l]), []];
    return toCsv(tables.flatMap(lines));
  }
  return [
    labels.yearTitle(d.year),
    '',
    ...tables.flatMap((t) => [t.title, aligned([t.header, ...t.rows]), ...after(t.id), '']),
    labels.legend(minimum),
  ].join('\n');
}
