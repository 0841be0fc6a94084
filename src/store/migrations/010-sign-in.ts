import type { Kysely, Migration } from 'kysely';

/**
 * Sign-in for the back office and the web chat. A session row holds only who (subject, name, e-mail),
 * the roles and the expiry, under a keyed hash of the cookie's token: a copy of the database cannot be
 * used to sign in. A login row is one sign-in in progress (state, PKCE verifier, nonce), taken once at
 * the callback, so the callback may reach any instance. `people` lets the coordinator see whose entry
 * an `oidc:` owner is.
 */
export const signIn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('web_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('web_sessions_expires').on('web_sessions').column('expires_at').execute();
    await db.schema
      .createTable('login_attempts')
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .addColumn('verifier', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('people')
      .addColumn('owner', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['people', 'login_attempts', 'web_sessions']) await db.schema.dropTable(table).ifExists().execute();
  },
};
