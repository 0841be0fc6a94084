import type { Kysely, Migration } from 'kysely';

/**
 * Questions put to the integrity coordinator. The question and the messages back and forth are kept, with
 * the asker's consent, until the question is closed and then for a configured number of days. Who asked is
 * not a column anyone reads: only a sealed (encrypted) address to deliver the answer to, erased at closing.
 */
export const coordinatorQuestions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('coordinator_questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('asker', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('delete_after', 'text')
      .addColumn('reminded_at', 'text')
      .execute();
    await db.schema
      .createTable('question_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('question_id', 'text', (c) => c.notNull().references('coordinator_questions.id').onDelete('cascade'))
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('question_messages_question').on('question_messages').column('question_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('question_messages').ifExists().execute();
    await db.schema.dropTable('coordinator_questions').ifExists().execute();
  },
};
