import type { Kysely, Migration } from 'kysely';

/** Team channels the bot may post into by itself (the weekly poll), with the platform's address. */
export const channelTargets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('channel_targets')
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('channel_targets_pk', ['platform', 'id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('channel_targets').ifExists().execute();
  },
};
