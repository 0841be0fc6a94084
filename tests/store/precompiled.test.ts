import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { precompileScratch } from '../../src/store/precompiled.js';
import { parseStoreUrl } from '../../src/store/url.js';
import { bothStores } from '../helpers/stores.js';

/** The hot-path queries are compiled once; each run must carry its own values, wherever they appear. */
describe.each(bothStores())('a precompiled query on %s', (_name, url) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('puts each run’s values in every place they appear, and keeps constants as written', async () => {
    store = await openStore(parseStoreUrl(url()));
    const write = precompileScratch(store, 3, (db, key: string, state: string, expiresAt: number) =>
      db
        .insertInto('conversation_states')
        .values({ key, state, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ state, expires_at: expiresAt })),
    );
    const read = precompileScratch(store, 1, (db, key: string) =>
      db.selectFrom('conversation_states').select(['state', 'expires_at']).where('key', '=', key).where('expires_at', '>', 0),
    );
    await write('a', 'eerste', 10);
    await write('b', 'tweede', 20);
    await write('a', 'derde', 30);
    expect((await read('a')).rows.map((r) => [r.state, Number(r.expires_at)])).toEqual([['derde', 30]]);
    expect((await read('b')).rows.map((r) => [r.state, Number(r.expires_at)])).toEqual([['tweede', 20]]);
    expect((await read('c')).rows).toEqual([]);
  });

  it('refuses a query that does not send a value as a parameter, rather than running it with a stand-in', async () => {
    store = await openStore(parseStoreUrl(url()));
    expect(() =>
      precompileScratch(store!, 1, (db, key: string) =>
        db.selectFrom('conversation_states').select('state').where('key', '=', sql.lit(key)),
      ),
    ).toThrow(/waarde 0/);
  });
});
