import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import { dayStart } from '../time.js';

export interface CountRow {
  bucket: string;
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

export interface EventTotal {
  event: string;
  intent: string;
  verdict: string;
  count: number;
}

export type CountDimension = 'intent' | 'verdict' | 'channel' | 'day';

/** The count table: one row per hour and combination, incremented in place. */
export class UsageCountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds all rows in one transaction: either every count lands or none does. */
  async add(rows: CountRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        await trx
          .insertInto('usage_counts')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['bucket', 'event', 'intent', 'verdict', 'channel'])
              .doUpdateSet({ count: (eb) => eb('usage_counts.count', '+', eb.ref('excluded.count')) }),
          )
          .execute();
      }
    });
  }

  /** Totals of one event between two local days (inclusive), grouped by one dimension. */
  async totals(event: string, from: string, to: string, by: CountDimension): Promise<{ key: string; count: number }[]> {
    const key = by === 'day' ? sql<string>`substr(bucket, 1, 10)` : sql<string>`${sql.ref(by)}`;
    const rows = await this.db
      .selectFrom('usage_counts')
      .select([key.as('key'), sql<number | string>`sum(count)`.as('count')])
      .where('event', '=', event)
      .where('bucket', '>=', dayStart(from))
      .where('bucket', '<=', `${to} 23`)
      .groupBy(key)
      .execute();
    // PostgreSQL returns sums of integers as bigint strings.
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  }

  /** Totals per event, topic and verdict for a period: what the yearly summary is made of. */
  async byEventIntentVerdict(from: string, to: string): Promise<EventTotal[]> {
    const rows = await this.db
      .selectFrom('usage_counts')
      .select(['event', 'intent', 'verdict', sql<number | string>`sum(count)`.as('count')])
      .where('bucket', '>=', dayStart(from))
      .where('bucket', '<=', `${to} 23`)
      .groupBy(['event', 'intent', 'verdict'])
      .execute();
    return rows.map((r) => ({ event: r.event, intent: r.intent, verdict: r.verdict, count: Number(r.count) }));
  }
}
