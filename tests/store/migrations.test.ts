import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider, MIGRATIONS } from '../../src/store/migrations/index.js';
import { connectStore } from '../../src/store/index.js';
import type { Database } from '../../src/store/schema.js';
import { sqliteUrl } from '../helpers/stores.js';

describe('versioned migrations', () => {
  it('are named in order, so they apply in order', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => /^\d{3}-[a-z-]+$/.test(n))).toBe(true);
  });

  it('bring a database from an earlier version up to date, keeping and summing its counts', async () => {
    const url = sqliteUrl();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(url.slice('sqlite:'.length)) }) });
    await new Migrator({ db, provider: migrationProvider }).migrateTo('001-initial');
    await db
      .insertInto('usage_counts')
      .values([
        { bucket: '2026-03-02 10', event: 'vraag', intent: 'geschenk', verdict: 'vraag', channel: 'slack', count: 4 },
        { bucket: '2026-03-02 11', event: 'vraag', intent: 'geschenk', verdict: 'vraag', channel: 'slack', count: 3 },
      ])
      .execute();
    await db.destroy();
    const services = await connectStore(url, { minimumCell: 1 });
    try {
      const table = await services.stats.table({ from: '2026-03-01', to: '2026-03-31', by: 'intent' });
      expect(table.rows).toEqual([{ key: 'geschenk', count: 7 }]);
      const summary = await services.stats.yearSummary(2026);
      expect(summary.themes).toEqual([expect.objectContaining({ key: 'geschenk', count: 7 })]);
    } finally {
      await services.close();
    }
  });
});
