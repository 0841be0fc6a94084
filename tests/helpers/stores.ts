import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * Every store test runs against both real databases: SQLite in a temp folder
 * and PostgreSQL (GEDRAGSBOT_TEST_PG, default the local server's "test"
 * database) in a fresh schema per test file, dropped afterwards. If PostgreSQL
 * is unreachable the tests fail; nothing is skipped silently.
 */
export const TEST_PG = process.env.GEDRAGSBOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const schemas: string[] = [];

export function sqliteUrl(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'gedragsbot-store-')), 'gedragsbot.db')}`;
}

export function postgresUrl(): string {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  schemas.push(schema);
  const url = new URL(TEST_PG);
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** [name, a fresh store URL] for describe.each. */
export function bothStores(): [string, () => string][] {
  return [
    ['SQLite', sqliteUrl],
    ['PostgreSQL', postgresUrl],
  ];
}

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});
