import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type QueryResult, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { GedragsbotError } from '../core/errors.js';
import { migrationProvider } from './migrations/index.js';
import { OneSchemaPostgresDialect } from './one-schema.js';
import type { Database } from './schema.js';
import { describeStore, type StoreLocation } from './url.js';

/** Where the store reports what happens outside a query (a dropped connection); no row or text ever goes here. */
export interface StoreEvents {
  onConnectionError?: ((error: unknown) => void) | undefined;
}

export interface Store {
  db: Kysely<Database>;
  /**
   * Where the short-lived rows go: conversation states (30 minutes) and handled deliveries (a day). They
   * are written on every message, so they skip the wait for the disk that a registration needs: SQLite
   * keeps them in a second file with synchronous=OFF (safe against a crash of the bot; a power cut may
   * lose them or damage that file, which is then made anew at the next start), PostgreSQL writes them
   * with synchronous_commit off. Losing them costs at most an open follow-up question, never a registration.
   */
  scratch: Kysely<Database>;
  /**
   * SQLite only: runs a compiled query on the scratch file at once, without kysely's connection queue.
   * Safe because no transaction ever runs on that file; used for the queries every message makes.
   */
  scratchDirect?: DirectRunner | undefined;
  dialect: 'sqlite' | 'postgres';
  location: StoreLocation;
  /** Rejects when the database cannot answer a trivial query (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DirectRunner = <Row>(query: string, parameters: readonly unknown[]) => QueryResult<Row>;

interface SqliteStore {
  db: Kysely<Database>;
  direct: DirectRunner;
}

function sqlite(path: string, synchronous: 'FULL' | 'OFF'): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const file = synchronous === 'OFF' ? intactOrAnew(path) : new SQLite(path);
  // A file that is not a database fails only at the first read; find out here, where the path is known.
  file.pragma('schema_version');
  // Deleted rows are overwritten with zeros, not left readable in free pages of the file.
  file.pragma('secure_delete = ON');
  // WAL keeps readers and the writer apart; FULL makes every commit survive a kill -9 or power cut.
  file.pragma('journal_mode = WAL');
  file.pragma(`synchronous = ${synchronous}`);
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  const statements = withStatementCache(file);
  const direct: DirectRunner = <Row>(query: string, parameters: readonly unknown[]): QueryResult<Row> => {
    const statement = statements.prepare(query);
    if (statement.reader) return { rows: statement.all(parameters) as Row[] };
    return { rows: [], numAffectedRows: BigInt(statement.run(parameters).changes) };
  };
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) }), direct };
}

/**
 * The scratch file skips syncing to disk, so a power cut can leave it damaged. Its rows are short-lived
 * and may be dropped at any time: a damaged file is removed and made anew rather than failing every message.
 */
function intactOrAnew(path: string): SQLite.Database {
  if (path === ':memory:') return new SQLite(path);
  try {
    const file = new SQLite(path);
    if (file.pragma('quick_check', { simple: true }) === 'ok') return file;
    file.close();
  } catch {
    // Not a database at all: made anew below, like a damaged one.
  }
  for (const part of [path, `${path}-wal`, `${path}-shm`]) rmSync(part, { force: true });
  return new SQLite(path);
}

/** Kysely prepares every query anew; the same few queries run for every message, so keep them prepared. */
const CACHED_STATEMENTS = 200;

function withStatementCache(file: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(query: string): SQLite.Statement {
      let statement = cache.get(query);
      if (statement) {
        // Most recently used last, so the oldest falls out first.
        cache.delete(query);
      } else {
        statement = file.prepare(query);
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value ?? '');
      }
      cache.set(query, statement);
      return statement;
    },
    close: () => file.close(),
  };
}

/** "data/gedragsbot.db" → "data/gedragsbot-tijdelijk.db": the short-lived rows beside the registers. */
export function scratchPath(path: string): string {
  if (path === ':memory:') return path;
  return /\.db$/.test(path) ? path.replace(/\.db$/, '-tijdelijk.db') : `${path}-tijdelijk`;
}

/** The two short-lived tables; their rows may be dropped at any time, so no versioned migration is needed. */
async function scratchTables(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable('conversation_states')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  // One B-tree per claim: WITHOUT ROWID, and no index on the moment (the prune once a minute reads the
  // whole table, a day of deliveries). An older file's table has both; its rows may go, so it is made anew.
  const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'handled_events'`.execute(db);
  const existing = rows[0]?.sql;
  if (existing !== undefined && !/without rowid/i.test(existing)) {
    await db.schema.dropTable('handled_events').execute();
  }
  await db.schema
    .createTable('handled_events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handled_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
}

function postgres(url: string, schema: string | undefined, events: StoreEvents, scratch = false): Kysely<Database> {
  const settings = [schema ? `-c search_path=${schema}` : '', scratch ? '-c synchronous_commit=off' : ''].filter(Boolean);
  const pool = new pg.Pool({
    connectionString: url,
    max: scratch ? 4 : 10,
    ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
  });
  // An idle connection killed under us (a restart, failover, a proxy's idle timeout) is an 'error' event on
  // the pool; unhandled, it would end the process. The pool drops that client and opens a new one on demand.
  pool.on('error', (error) => {
    events.onConnectionError?.(error);
  });
  return new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema) });
}

function unusable(location: StoreLocation, cause: unknown): GedragsbotError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GedragsbotError('STORE_UNAVAILABLE', `Opslag ${describeStore(location)} is niet bruikbaar: ${reason}`, {
    cause,
    userText: 'fout.opslag',
  });
}

/** Opens the store and brings its schema up to date; a failure says which store and why. */
export async function openStore(location: StoreLocation, events: StoreEvents = {}): Promise<Store> {
  let db: Kysely<Database>;
  let scratch: Kysely<Database>;
  let scratchDirect: DirectRunner | undefined;
  try {
    if (location.kind === 'sqlite') {
      db = sqlite(location.path, 'FULL').db;
      ({ db: scratch, direct: scratchDirect } = sqlite(scratchPath(location.path), 'OFF'));
    } else {
      db = postgres(location.url, location.schema, events);
      scratch = postgres(location.url, location.schema, events, true);
    }
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
    // PostgreSQL has them from the migrations; the second SQLite file makes its own.
    if (location.kind === 'sqlite') await scratchTables(scratch);
  } catch (cause) {
    await db.destroy();
    await scratch.destroy();
    throw unusable(location, cause);
  }
  const ping = async () => {
    await sql`select 1`.execute(db);
  };
  const close = async () => {
    await scratch.destroy();
    await db.destroy();
  };
  return { db, scratch, scratchDirect, dialect: location.kind, location, ping, close };
}
