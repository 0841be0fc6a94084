import type { Kysely, Migration } from 'kysely';

/**
 * Two small tables for running several instances as one: a generated secret they share (when IT sets
 * none), and a claim per scheduled job and day, so the daily retention run happens once.
 */
export const settingsAndRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('instance_settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scheduled_runs')
      .addColumn('job', 'text', (c) => c.notNull())
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scheduled_runs_pk', ['job', 'slot'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('scheduled_runs').ifExists().execute();
    await db.schema.dropTable('instance_settings').ifExists().execute();
  },
};
