import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { GedragsbotError } from '../core/errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { describeStore, type StoreLocation } from './url.js';

export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  location: StoreLocation;
  close(): Promise<void>;
}

function sqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const file = new SQLite(path);
  // WAL keeps readers and the writer apart; FULL makes every commit survive a kill -9 or power cut.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
}

function postgres(url: string, schema: string | undefined): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the store and brings its schema up to date; a failure says which store and why. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const db = location.kind === 'sqlite' ? sqlite(location.path) : postgres(location.url, location.schema);
  try {
    if (location.kind === 'postgres' && location.schema) {
      await sql`create schema if not exists ${sql.id(location.schema)}`.execute(db);
    }
    // Kysely looks for its bookkeeping tables in every schema; point it at ours.
    const schema = location.kind === 'postgres' ? location.schema : undefined;
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  } catch (cause) {
    await db.destroy();
    throw new GedragsbotError('STORE_UNAVAILABLE', `Opslag ${describeStore(location)} is niet bruikbaar: ${String(cause)}`, {
      cause,
      userMessage: 'De opslag is even niet bereikbaar. Je vraag is niet bewaard; probeer het later nog eens.',
    });
  }
  return { db, dialect: location.kind, location, close: () => db.destroy() };
}
