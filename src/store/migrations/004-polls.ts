import type { Kysely, Migration } from 'kysely';

/**
 * The weekly dilemma poll. (plan_id, slot) is unique: that is the claim that
 * makes several instances post a slot once. Votes carry only a keyed hash of
 * the voter; at close the votes and the key are deleted and only the totals stay.
 */
export const polls: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('poll_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('dilemma_id', 'text')
      .addColumn('open_hours', 'integer', (c) => c.notNull())
      .addColumn('reminder', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'text')
      .execute();
    await db.schema
      .createTable('polls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text')
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('dilemma_id', 'text', (c) => c.notNull())
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text', (c) => c.notNull())
      .addColumn('remind_at', 'text')
      .addColumn('reminded_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('hash_key', 'text')
      .addColumn('posts', 'text', (c) => c.notNull())
      .addColumn('result', 'text')
      .addUniqueConstraint('polls_plan_slot', ['plan_id', 'slot'])
      .execute();
    await db.schema
      .createTable('poll_votes')
      .addColumn('poll_id', 'text', (c) => c.notNull())
      .addColumn('voter', 'text', (c) => c.notNull())
      .addColumn('option', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('poll_votes_pk', ['poll_id', 'voter'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['poll_votes', 'polls', 'poll_plans']) await db.schema.dropTable(table).ifExists().execute();
  },
};
