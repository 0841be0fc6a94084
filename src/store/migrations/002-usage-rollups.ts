import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Daily and monthly sums next to the hourly counts, kept in the same
 * transaction, so HR's reports read a few thousand rows instead of every hour
 * of a year. Existing hourly counts are summed into them once.
 */
const DIMENSIONS = ['event', 'intent', 'verdict', 'channel'] as const;

async function rollup(db: Kysely<unknown>, table: string, period: string, length: number): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn(period, 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, [period, ...DIMENSIONS])
    .execute();
  await sql`
    insert into ${sql.table(table)} (${sql.ref(period)}, event, intent, verdict, channel, count)
    select substr(bucket, 1, ${sql.lit(length)}), event, intent, verdict, channel, sum(count)
    from usage_counts
    group by substr(bucket, 1, ${sql.lit(length)}), event, intent, verdict, channel
  `.execute(db);
}

export const usageRollups: Migration = {
  async up(db: Kysely<unknown>) {
    await rollup(db, 'usage_daily', 'day', 10);
    await rollup(db, 'usage_monthly', 'month', 7);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('usage_monthly').ifExists().execute();
    await db.schema.dropTable('usage_daily').ifExists().execute();
  },
};
