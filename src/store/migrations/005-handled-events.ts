import type { Kysely, Migration } from 'kysely';

/** Platform event ids already handled, shared by all instances, so a retried delivery is handled once. */
export const handledEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('handled_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('handled_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('handled_events_at').on('handled_events').column('handled_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('handled_events').ifExists().execute();
  },
};
