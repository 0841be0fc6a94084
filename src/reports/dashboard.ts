import { INTENTS } from '../core/rulebase/schema.js';
import { ANSWER_BUCKETS, type AnswerBucket, medianBucket } from '../core/questions/timing.js';
import type { DashboardData, MonthCount } from '../store/services/dashboard.js';
import { REGISTRATION_KINDS } from '../store/services/dashboard.js';
import { type Column, type Grid, type Line, protectedGrid } from './grid.js';
import type { Shown } from './suppression.js';

/**
 * HR's year at a glance, as protected tables: questions per theme per month, the same themes against
 * the earlier years that have data, referrals, registrations, participation, the questions put to the
 * integrity coordinator (with the median time to a first answer) and the meldwijzer's routes. Every table
 * is one system of equations (cells, row totals, column totals, grand total) protected together; the
 * comparison of years only repeats numbers each year's own table published, so it adds no equation.
 * Months before the first count or still to come have no data: they are drawn as such, not as zeros.
 */
export const THEMES = INTENTS;

/** What counts as participation, one usage event each. */
export const PARTICIPATION = [
  { key: 'dilemma', event: 'dilemma' },
  { key: 'poll', event: 'poll' },
] as const;

/**
 * Questions put to the integrity coordinator: put, first answered and closed, one usage event each. They
 * have a table of their own (not rows of participation), so each count is published in one table only
 * and protected there.
 */
export const COORDINATOR_QUESTIONS = [
  { key: 'voorgelegd', event: 'vraag_voorgelegd' },
  { key: 'beantwoord', event: 'vraag_beantwoord' },
  { key: 'gesloten', event: 'vraag_gesloten' },
] as const;

export type TableId = 'vragen' | 'jaren' | 'doorverwijzingen' | 'registraties' | 'deelname' | 'voorgelegd' | 'meldroutes';
export const TABLE_IDS: TableId[] = ['vragen', 'jaren', 'doorverwijzingen', 'registraties', 'deelname', 'voorgelegd', 'meldroutes'];

/**
 * The median time to a first answer, as a band of working days. Like a cell under the minimum, it is not
 * shown when fewer questions than the minimum were answered: the median of one or two answers is theirs.
 */
export type AnswerTime = { kind: 'mediaan'; band: AnswerBucket } | { kind: 'te_weinig' } | { kind: 'geen' };

export interface DashboardTable {
  id: TableId;
  /** How the page draws it: stacked bars per month, grouped bars per year, lines per month. */
  chart: 'gestapeld' | 'jaren' | 'lijnen';
  columns: Column[];
  rows: { key: string; label: string; cells: Shown[]; total: Shown }[];
  /** False when the rows do not add up: no totals row then. */
  columnTotals: boolean;
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
  /** Questions to the coordinator answered in this year: the median working days to a first answer. */
  answerTime: AnswerTime;
}

export interface Labels {
  theme(key: string): string;
  month(n: number): string;
  registration(key: string): string;
  participation(key: string): string;
  /** "Voorgelegd", "Beantwoord", "Gesloten": the rows of the questions to the coordinator. */
  coordinatorQuestion(key: string): string;
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

async function table(
  id: TableId,
  chart: DashboardTable['chart'],
  rows: Line[],
  columns: Column[],
  counts: MonthCount[],
  minimum: number,
  columnTotals = true,
): Promise<DashboardTable> {
  const grid = await protectedGrid({ rows, columns, value: lookup(counts), columnTotals }, minimum);
  const { rows: shownRows, totals, total } = grid;
  return { id, chart, columns: grid.columns, rows: shownRows, columnTotals, totals, total, grid };
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
    columnTotals: true,
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
    participation.push(...(await data.usage(p.event, year)).map((c) => ({ ...c, key: p.key })));
    participationRows.push({ key: p.key, label: labels.participation(p.key) });
  }
  const questionsPut: MonthCount[] = [];
  for (const q of COORDINATOR_QUESTIONS) {
    questionsPut.push(...(await data.usage(q.event, year)).map((c) => ({ ...c, key: q.key })));
  }
  // Before the first question the table says "no data", not three rows of zeros.
  const questionRows = questionsPut.some((c) => c.count !== 0)
    ? COORDINATOR_QUESTIONS.map((q) => ({ key: q.key, label: labels.coordinatorQuestion(q.key) }))
    : [];
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
      // Questions put, answered and closed do not add up to anything: no totals row.
      await table('voorgelegd', 'lijnen', questionRows, columns, questionsPut, minimum, false),
      await table('meldroutes', 'gestapeld', routeRows, columns, routeCounts, minimum),
    ],
    answerTime: await answerTime(data, year, minimum),
  };
}

/** The median band of the first answers counted in `year` (the verdict of vraag_beantwoord is the band). */
async function answerTime(data: DashboardData, year: number, minimum: number): Promise<AnswerTime> {
  const perBand: Partial<Record<string, number>> = {};
  for (const c of await data.usage('vraag_beantwoord', year, 'verdict')) perBand[c.key] = (perBand[c.key] ?? 0) + c.count;
  const answered = ANSWER_BUCKETS.reduce((sum, b) => sum + (perBand[b] ?? 0), 0);
  if (answered === 0) return { kind: 'geen' };
  if (answered < minimum) return { kind: 'te_weinig' };
  const band = medianBucket(perBand);
  return band ? { kind: 'mediaan', band } : { kind: 'geen' };
}
