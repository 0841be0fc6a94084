import { type Kysely, sql } from 'kysely';
import type { Database, UsageCountTable } from '../schema.js';

export type CountRow = UsageCountTable;

export interface EventTotal {
  event: string;
  intent: string;
  verdict: string;
  count: number;
}

export type CountDimension = 'intent' | 'verdict' | 'channel' | 'day';

const KEY = ['event', 'intent', 'verdict', 'channel'] as const;

interface PeriodRow {
  period: string;
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

/** One row per period and key, in one fixed order; a statement may not update the same row twice. */
function summed(rows: CountRow[], periodOf: (row: CountRow) => string): PeriodRow[] {
  const sums = new Map<string, PeriodRow>();
  for (const row of rows) {
    const period = periodOf(row);
    const { event, intent, verdict, channel } = row;
    const key = [period, event, intent, verdict, channel].join('\u0000');
    const known = sums.get(key);
    if (known) known.count += row.count;
    else sums.set(key, { period, event, intent, verdict, channel, count: row.count });
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** Well under SQLite's and PostgreSQL's limits on parameters per statement. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(rows: T[]): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) parts.push(rows.slice(at, at + ROWS_PER_STATEMENT));
  return parts;
}

/**
 * The counts: per hour (the unit of record), with daily and monthly sums kept
 * in the same transaction for the reports.
 */
export class UsageCountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds all rows in one transaction: either every count lands, in all three tables, or none does.
   * Several instances flush at the same moment into shared rows. Each table gets one statement whose
   * rows are summed per key and sorted, and the tables always come in the same order, so every
   * transaction takes its row locks in the same order and two of them can never wait on each other.
   */
  async add(rows: CountRow[]): Promise<void> {
    if (rows.length === 0) return;
    const hourly = summed(rows, (r) => r.bucket);
    const daily = summed(rows, (r) => r.bucket.slice(0, 10));
    const monthly = summed(rows, (r) => r.bucket.slice(0, 7));
    await this.db.transaction().execute(async (trx) => {
      for (const part of chunks(hourly)) {
        await trx
          .insertInto('usage_counts')
          .values(part.map(({ period, ...rest }) => ({ bucket: period, ...rest })))
          .onConflict((oc) => oc.columns(['bucket', ...KEY]).doUpdateSet({ count: (eb) => eb('usage_counts.count', '+', eb.ref('excluded.count')) }))
          .execute();
      }
      for (const part of chunks(daily)) {
        await trx
          .insertInto('usage_daily')
          .values(part.map(({ period, ...rest }) => ({ day: period, ...rest })))
          .onConflict((oc) => oc.columns(['day', ...KEY]).doUpdateSet({ count: (eb) => eb('usage_daily.count', '+', eb.ref('excluded.count')) }))
          .execute();
      }
      for (const part of chunks(monthly)) {
        await trx
          .insertInto('usage_monthly')
          .values(part.map(({ period, ...rest }) => ({ month: period, ...rest })))
          .onConflict((oc) => oc.columns(['month', ...KEY]).doUpdateSet({ count: (eb) => eb('usage_monthly.count', '+', eb.ref('excluded.count')) }))
          .execute();
      }
    });
  }

  /** Answers per option of one dilemma, over all time and everyone. */
  async dilemmaAnswers(dilemmaId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('usage_monthly')
      .select(['verdict', sql<number | string>`sum(count)`.as('count')])
      .where('event', '=', 'dilemma')
      .where('verdict', 'like', `${dilemmaId}:%`)
      .groupBy('verdict')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.verdict.slice(dilemmaId.length + 1), Number(r.count)]));
  }

  /** Totals of one event between two local days (inclusive), grouped by one dimension. */
  async totals(event: string, from: string, to: string, by: CountDimension): Promise<{ key: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('usage_daily')
      .select([sql<string>`${sql.ref(by)}`.as('key'), sql<number | string>`sum(count)`.as('count')])
      .where('event', '=', event)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy(by)
      .execute();
    // PostgreSQL returns sums of integers as bigint strings.
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  }

  /** The first local day with any count: before it the bot was not in use. */
  async firstDay(): Promise<string | undefined> {
    const row = await this.db.selectFrom('usage_daily').select(sql<string | null>`min(day)`.as('day')).executeTakeFirst();
    return row?.day ?? undefined;
  }

  /** Totals per event, topic and verdict for whole months: what the yearly summary is made of. */
  async byEventIntentVerdict(fromMonth: string, toMonth: string): Promise<EventTotal[]> {
    const rows = await this.db
      .selectFrom('usage_monthly')
      .select(['event', 'intent', 'verdict', sql<number | string>`sum(count)`.as('count')])
      .where('month', '>=', fromMonth)
      .where('month', '<=', toMonth)
      .groupBy(['event', 'intent', 'verdict'])
      .execute();
    return rows.map((r) => ({ event: r.event, intent: r.intent, verdict: r.verdict, count: Number(r.count) }));
  }
}
