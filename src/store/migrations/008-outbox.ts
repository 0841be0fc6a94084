import type { Kysely, Migration } from 'kysely';

/**
 * Messages the bot sends on its own (an answer from the coordinator, a reminder, a review) wait here until
 * one instance claims and sends them. The dedupe key makes "once" hold across instances and restarts; the
 * address is sealed; a web-chat visitor, who can only be told on their next visit, is found by a keyed hash
 * (lookup). contact_addresses keeps, per employee with registrations, where they talked to the bot
 * last, so a reminder can reach them there; it is sealed too.
 */
export const outbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('lookup', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['sent_at', 'due_at']).execute();
    await db.schema.createIndex('outbox_lookup').on('outbox').column('lookup').execute();
    await db.schema
      .createTable('contact_addresses')
      .addColumn('owner', 'text', (c) => c.primaryKey())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('contact_addresses').ifExists().execute();
    await db.schema.dropTable('outbox').ifExists().execute();
  },
};
