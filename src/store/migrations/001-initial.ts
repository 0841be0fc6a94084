import type { Kysely, Migration } from 'kysely';

/** Counts, the gift and side-job registers with their change log, notices to employees. */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('usage_counts')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('intent', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_counts_pk', ['bucket', 'event', 'intent', 'verdict', 'channel'])
      .execute();

    await db.schema
      .createTable('gift_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('value_cents', 'integer')
      .addColumn('giver_org', 'text', (c) => c.notNull())
      .addColumn('giver_relation', 'text', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text')
      .execute();
    await db.schema.createIndex('gift_entries_owner').on('gift_entries').column('owner').execute();
    await db.schema.createIndex('gift_entries_date').on('gift_entries').column('date').execute();

    await db.schema
      .createTable('sidejob_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('paid', 'integer', (c) => c.notNull())
      .addColumn('hours_per_week', 'real')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('relations', 'text', (c) => c.notNull())
      .addColumn('publish', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text')
      .execute();
    await db.schema.createIndex('sidejob_entries_owner').on('sidejob_entries').column('owner').execute();

    await db.schema
      .createTable('register_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('register', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('register_changes_entry').on('register_changes').columns(['register', 'entry_id']).execute();
    await db.schema.createIndex('register_changes_owner').on('register_changes').column('owner').execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('notifications_owner').on('notifications').column('owner').execute();

    await db.schema
      .createTable('sidejob_confirmations')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sidejob_confirmations_pk', ['owner', 'year'])
      .execute();

    await db.schema
      .createTable('conversation_states')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'conversation_states',
      'sidejob_confirmations',
      'notifications',
      'register_changes',
      'sidejob_entries',
      'gift_entries',
      'usage_counts',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
