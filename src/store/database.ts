import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { GedragsbotError } from '../core/errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { describeStore, type StoreLocation } from './url.js';

/** Where the store reports what happens outside a query (a dropped connection); no row or text ever goes here. */
export interface StoreEvents {
  onConnectionError?: ((error: unknown) => void) | undefined;
}

export interface Store {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  location: StoreLocation;
  /** Rejects when the database cannot answer a trivial query (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

function sqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const file = new SQLite(path);
  // A file that is not a database fails only at the first read; find out here, where the path is known.
  file.pragma('schema_version');
  // Deleted registrations are overwritten with zeros, not left readable in free pages of the file.
  file.pragma('secure_delete = ON');
  // WAL keeps readers and the writer apart; FULL makes every commit survive a kill -9 or power cut.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
}

function postgres(url: string, schema: string | undefined, events: StoreEvents): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection killed under us (a restart, failover, a proxy's idle timeout) is an 'error' event on
  // the pool; unhandled, it would end the process. The pool drops that client and opens a new one on demand.
  pool.on('error', (error) => {
    events.onConnectionError?.(error);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function unusable(location: StoreLocation, cause: unknown): GedragsbotError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GedragsbotError('STORE_UNAVAILABLE', `Opslag ${describeStore(location)} is niet bruikbaar: ${reason}`, {
    cause,
    userMessage: 'De opslag is even niet bereikbaar. Je vraag is niet bewaard; probeer het later nog eens.',
  });
}

/** Opens the store and brings its schema up to date; a failure says which store and why. */
export async function openStore(location: StoreLocation, events: StoreEvents = {}): Promise<Store> {
  let db: Kysely<Database>;
  try {
    db = location.kind === 'sqlite' ? sqlite(location.path) : postgres(location.url, location.schema, events);
  } catch (cause) {
    throw unusable(location, cause);
  }
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
    throw unusable(location, cause);
  }
  const ping = async () => {
    await sql`select 1`.execute(db);
  };
  return { db, dialect: location.kind, location, ping, close: () => db.destroy() };
}
