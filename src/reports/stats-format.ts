import type { StatsTable, YearSummary } from '../store/services/stats.js';
import { toCsv } from './csv.js';

/** The statistics as HR reads them: an aligned table, CSV for a spreadsheet, or JSON. */
export type StatsFormat = 'table' | 'csv' | 'json';

const BY_LABELS: Record<StatsTable['by'], string> = {
  week: 'week',
  month: 'maand',
  quarter: 'kwartaal',
  intent: 'onderwerp',
  verdict: 'oordeel',
  channel: 'kanaal',
};

function aligned(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => String(r[col] ?? '').length))) ?? [];
  // Numbers (and "<5") line up on the right, words on the left.
  const cellText = (cell: string | number, col: number) => {
    const text = typeof cell === 'number' ? String(cell) : cell;
    const numeric = typeof cell === 'number' || /^<\d+$/.test(text);
    return numeric ? text.padStart(widths[col] ?? 0) : text.padEnd(widths[col] ?? 0);
  };
  return rows.map((r) => r.map(cellText).join('  ').trimEnd()).join('\n');
}

export function formatTable(table: StatsTable, format: StatsFormat): string {
  if (format === 'json') {
    const event = table.event === 'vraag' ? {} : { event: table.event };
    return JSON.stringify({ from: table.from, to: table.to, by: table.by, ...event, rows: table.rows });
  }
  const header = [BY_LABELS[table.by], 'aantal'];
  const body = table.rows.map((r) => [r.key, r.count]);
  if (format === 'csv') return toCsv([header, ...body]);
  const title = `Aantal (${table.event}) per ${BY_LABELS[table.by]}, ${table.from} t/m ${table.to}`;
  return `${title}\n\n${aligned([header, ...body])}`;
}

export function formatSummary(summary: YearSummary, format: StatsFormat): string {
  if (format === 'json') return JSON.stringify(summary);
  const rows = [...summary.themes.map((t) => ({ ...t, group: 'vragen per thema' })), ...summary.totals.map((t) => ({ ...t, group: 'totalen' }))];
  if (format === 'csv') {
    const header = ['groep', 'onderdeel', String(summary.year), String(summary.previousYear)];
    return toCsv([header, ...rows.map((r) => [r.group, r.label, r.count, r.previous])]);
  }
  const table = (lines: typeof rows) => aligned([['', String(summary.year), String(summary.previousYear)], ...lines.map((l) => [l.label, l.count, l.previous])]);
  return [
    `Jaaroverzicht integriteit ${summary.year} (met ${summary.previousYear} ter vergelijking)`,
    '',
    'Vragen aan de gedragsbot per thema',
    table(rows.filter((r) => r.group === 'vragen per thema')),
    '',
    'Registraties, doorverwijzingen en deelname',
    table(rows.filter((r) => r.group === 'totalen')),
    '',
    'Aantallen onder de minimumcelgrootte staan als "<5"; de bot bewaart geen namen of berichtteksten.',
  ].join('\n');
}
