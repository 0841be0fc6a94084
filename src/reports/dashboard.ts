import type { DashboardData, MonthCount } from '../store/services/dashboard.js';
import { REGISTRATION_KINDS } from '../store/services/dashboard.js';
import { type Column, type Grid, type Line, protectedGrid } from './grid.js';
import type { Shown } from './suppression.js';

/**
 * HR's year at a glance, as protected tables: questions per theme per month, the same themes against
 * the earlier years that have data, referrals, registrations, participation and the meldwijzer's
 * routes. Every table is one system of equations (cells, row totals, column totals, grand total)
 * protected together; the comparison of years only repeats numbers each year's own table published, so
 * it adds no equation.
 * Months before the first count or still to come have no data: they are drawn as such, not as zeros.
 */
export const THEMES = [
  'geschenk', 'uitnodiging', 'nevenwerkzaamheden', 'privegebruik', 'informatie', 'belangenverstrengeling',
  'ongewenst_gedrag', 'misstand_melden', 'vertrouwenspersoon', 'registreren', 'dilemma', 'help', 'onbekend',
] as const;

/**
 * What counts as participation, one usage event each. Questions put to the coordinator (issue 12) come
 * in by counting the event `vraag_voorgelegd`: the row appears as soon as there is such a count.
 */
export const PARTICIPATION = [
  { key: 'dilemma', event: 'dilemma' },
  { key: 'poll', event: 'poll' },
  { key: 'voorgelegd', event: 'vraag_voorgelegd' },
] as const;

export type TableId = 'vragen' | 'jaren' | 'doorverwijzingen' | 'registraties' | 'deelname' | 'meldroutes';
export const TABLE_IDS: TableId[] = ['vragen', 'jaren', 'doorverwijzingen', 'registraties', 'deelname', 'meldroutes'];

export interface DashboardTable {
  id: TableId;
  /** How the page draws it: stacked bars per month, grouped bars per year, lines per month. */
  chart: 'gestapeld' | 'jaren' | 'lijnen';
  columns: Column[];
  rows: { key: string; label: string; cells: Shown[]; total: Shown }[];
  totals: Shown[];
  total: Shown;
  /** Present for tables protected as one system (not for the comparison of years). */
  grid?: Grid;
}

export interface Dashboard {
  year: number;
  /** Years with data, oldest first. */
  years: number[];
  tables: DashboardTable[];
}

export interface Labels {
  theme(key: string): string;
  month(n: number): string;
  registration(key: string): string;
  participation(key: string): string;
  /** A meldwijzer route by its code: its name in meldwijzer.json, or the code of a route since removed. */
  route(key: string): string;
  /** The routes in the order of meldwijzer.json. */
  routeOrder: readonly string[];
  total: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthColumns(year: number, first: string | undefined, current: string, labels: Labels): Column[] {
  return Array.from({ length: 12 }, (_, i) => {
    const key = `${String(year)}-${pad(i + 1)}`;
    return { key, label: labels.month(i + 1), hasData: first !== undefined && key >= first && key <= current };
  });
}

function lookup(counts: MonthCount[]): (row: string, column: string) => number {
  const map = new Map<string, number>();
  for (const c of counts) map.set(`${c.key}|${c.month}`, (map.get(`${c.key}|${c.month}`) ?? 0) + c.count);
  return (row, column) => map.get(`${row}|${column}`) ?? 0;
}

async function table(id: TableId, chart: DashboardTable['chart'], rows: Line[], columns: Column[], counts: MonthCount[], minimum: number): Promise<DashboardTable> {
  const grid = await protectedGrid({ rows, columns, value: lookup(counts) }, minimum);
  return { id, chart, columns: grid.columns, rows: grid.rows, totals: grid.totals, total: grid.total, grid };
}

/** Themes with a count in any year shown, in the fixed order; no row of zeros for a theme nobody asked about. */
function themesIn(...sets: MonthCount[][]): string[] {
  const asked = new Set(sets.flat().filter((c) => c.count !== 0).map((c) => c.key));
  return ordered([...asked]);
}

/** The themes in their fixed order, then anything else by name. */
function ordered(keys: string[]): string[] {
  const known = THEMES as readonly string[];
  return [...THEMES.filter((t) => keys.includes(t)), ...keys.filter((k) => !known.includes(k)).sort()];
}

/** The questions table of one year: the same protection whether it is viewed on its own or compared. */
async function questionTable(
  data: DashboardData,
  year: number,
  first: string | undefined,
  current: string,
  labels: Labels,
  minimum: number,
) {
  const counts = await data.usage('vraag', year);
  const rows = themesIn(counts).map((key) => ({ key, label: labels.theme(key) }));
  return table('vragen', 'gestapeld', rows, monthColumns(year, first, current, labels), counts, minimum);
}

export async function buildDashboard(
  data: DashboardData,
  year: number,
  currentMonth: string,
  labels: Labels,
  minimum: number,
): Promise<Dashboard> {
  const first = await data.firstMonth();
  const firstYear = first ? Number(first.slice(0, 4)) : Number(currentMonth.slice(0, 4));
  const years: number[] = [];
  for (let y = firstYear; y <= Number(currentMonth.slice(0, 4)); y++) years.push(y);
  const columns = monthColumns(year, first, currentMonth, labels);
  const questions = await questionTable(data, year, first, currentMonth, labels, minimum);

  // Earlier years: each year's own protected table; this one repeats its row totals and grand total.
  const earlier = years.filter((y) => y <= year).slice(-4);
  const perYear = new Map<number, DashboardTable>();
  for (const y of earlier) {
    perYear.set(y, y === year ? questions : await questionTable(data, y, first, currentMonth, labels, minimum));
  }
  const themeKeys = [...new Set([...perYear.values()].flatMap((t) => t.rows.map((r) => r.key)))];
  const none: Shown = { kind: 'geen' };
  const zero: Shown = { kind: 'getal', value: 0 };
  const years_: DashboardTable = {
    id: 'jaren',
    chart: 'jaren',
    columns: earlier.map((y) => ({ key: String(y), label: String(y), hasData: true })),
    rows: ordered(themeKeys).map((key) => ({
      key,
      label: labels.theme(key),
      cells: earlier.map((y) => {
        const t = perYear.get(y);
        if (!t || t.total.kind === 'geen') return none;
        return t.rows.find((r) => r.key === key)?.total ?? zero;
      }),
      total: none,
    })),
    totals: earlier.map((y) => perYear.get(y)?.total ?? none),
    total: none,
  };

  const referrals = await data.usage('doorverwijzing', year);
  const referralRows = themesIn(referrals).map((key) => ({ key, label: labels.theme(key) }));
  const registrations = await data.registrations(year);
  // Only the kinds that occur this year: no row of zeros.
  const registered = new Set(registrations.filter((c) => c.count !== 0).map((c) => c.key));
  const registrationRows = REGISTRATION_KINDS.filter((k) => registered.has(k))
    .map((key) => ({ key, label: labels.registration(key) }));
  const participation: MonthCount[] = [];
  const participationRows: Line[] = [];
  for (const p of PARTICIPATION) {
    const counts = (await data.usage(p.event, year)).map((c) => ({ ...c, key: p.key }));
    if (p.key === 'voorgelegd' && counts.every((c) => c.count === 0)) continue;
    participation.push(...counts);
    participationRows.push({ key: p.key, label: labels.participation(p.key) });
  }
  // Which routes the meldwijzer showed: counted by route code, the kind of report is not shown here.
  const routeCounts = await data.usage('meldroute', year, 'verdict');
  const shownRoutes = new Set(routeCounts.filter((c) => c.count !== 0).map((c) => c.key));
  const routeRows = [
    ...labels.routeOrder.filter((k) => shownRoutes.has(k)),
    ...[...shownRoutes].filter((k) => !labels.routeOrder.includes(k)).sort(),
  ].map((key) => ({ key, label: labels.route(key) }));
  return {
    year,
    years,
    tables: [
      questions,
      years_,
      await table('doorverwijzingen', 'gestapeld', referralRows, columns, referrals, minimum),
      await table('registraties', 'gestapeld', registrationRows, columns, registrations, minimum),
      await table('deelname', 'lijnen', participationRows, columns, participation, minimum),
      await table('meldroutes', 'gestapeld', routeRows, columns, routeCounts, minimum),
    ],
  };
}
