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

/**
 * The counts: per hour (the unit of record), with daily and monthly sums kept
 * in the same transaction for the reports.
 */
export class UsageCountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds all rows in one transaction: either every count lands, in all three tables, or none does. */
  async add(rows: CountRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const { bucket, ...rest } of rows) {
        await trx
          .insertInto('usage_counts')
          .values({ bucket, ...rest })
          .onConflict((oc) => oc.columns(['bucket', ...KEY]).doUpdateSet({ count: (eb) => eb('usage_counts.count', '+', eb.ref('excluded.count')) }))
          .execute();
        await trx
          .insertInto('usage_daily')
          .values({ day: bucket.slice(0, 10), ...rest })
          .onConflict((oc) => oc.columns(['day', ...KEY]).doUpdateSet({ count: (eb) => eb('usage_daily.count', '+', eb.ref('excluded.count')) }))
          .execute();
        await trx
          .insertInto('usage_monthly')
          .values({ month: bucket.slice(0, 7), ...rest })
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
