import type { Kysely, Migration } from 'kysely';

/**
 * The coordinator's workspace: a short, stable code per register entry (G-7K3Q, N-4HXP), and the
 * coordinator's current decision per entry (its history is in register_changes). `publish` overrides
 * the employee's publication flag of a side job when the coordinator sets it.
 */
export const decisions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('register_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('register', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema
      .createTable('register_decisions')
      .addColumn('entry_id', 'text', (c) => c.primaryKey())
      .addColumn('register', 'text', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('measure', 'text')
      .addColumn('destination', 'text')
      .addColumn('note', 'text')
      .addColumn('publish', 'integer')
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('register_decisions').ifExists().execute();
    await db.schema.dropTable('register_codes').ifExists().execute();
  },
};
