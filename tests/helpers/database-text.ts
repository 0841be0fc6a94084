import { type Kysely, sql } from 'kysely';
import type { Store } from '../../src/store/database.js';

/** Every row of every table of both store files as one string, to search for what must not be there. */
export async function databaseText(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const db of [store.db, store.scratch] as unknown as Kysely<Record<string, unknown>>[]) {
    const tables = store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows;
    for (const { name } of tables) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db);
      parts.push(`${name}: ${JSON.stringify(rows.rows)}`);
    }
  }
  return parts.join('\n');
}
