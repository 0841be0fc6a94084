import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectStore } from '../../src/store/index.js';
import type { GiftInput } from '../../src/core/registers/model.js';

/**
 * The scratch file (conversation states, handled deliveries) skips syncing to disk, so a power cut can
 * damage it. The bot must then start with a fresh one instead of failing every message.
 */
const GIFT: GiftInput = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Bos bloemen',
  valueEuros: 20,
  giverOrg: 'Bloemist Jansen',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
};

describe('the SQLite scratch file', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is made anew when a power cut left it unreadable, and the registers are untouched', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gedragsbot-scratch-'));
    const url = `sqlite:${join(dir, 'gedragsbot.db')}`;
    const first = await connectStore(url, { minimumCell: 5 });
    const owner = 'slack:U1';
    await first.registers.saveGift(owner, GIFT, 'toegestaan_melden');
    await first.close();
    writeFileSync(join(dir, 'gedragsbot-tijdelijk.db'), 'half geschreven, geen database meer');

    const again = await connectStore(url, { minimumCell: 5 });
    try {
      const states = again.conversations({ ttlMs: 60_000 });
      await states.set('slack:U1', { version: 1 } as never);
      expect(await states.get('slack:U1')).toEqual({ version: 1 });
      expect(await again.events.firstTime('slack:Ev1')).toBe(true);
      expect(await again.events.firstTime('slack:Ev1')).toBe(false);
      const own = await again.registers.exportOwn(owner);
      expect(own.gifts.map((g) => g.description)).toEqual([GIFT.description]);
    } finally {
      await again.close();
    }
  });

  it('replaces an older file’s table of handled deliveries by the one-B-tree shape, and keeps deduplicating', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gedragsbot-scratch-'));
    const older = new SQLite(join(dir, 'gedragsbot-tijdelijk.db'));
    older.exec('create table handled_events (id text primary key, handled_at text not null)');
    older.exec('create index handled_events_at on handled_events (handled_at)');
    older.close();

    const services = await connectStore(`sqlite:${join(dir, 'gedragsbot.db')}`, { minimumCell: 5 });
    try {
      expect(await services.events.firstTime('teams:a:conv-1:act-1')).toBe(true);
      expect(await services.events.firstTime('teams:a:conv-1:act-1')).toBe(false);
    } finally {
      await services.close();
    }
    const file = new SQLite(join(dir, 'gedragsbot-tijdelijk.db'), { readonly: true });
    const shape = file.prepare('select sql from sqlite_master where name = ?').get('handled_events') as { sql: string };
    const indexes = file.prepare('select count(*) as n from sqlite_master where type = ? and tbl_name = ?').get('index', 'handled_events') as { n: number };
    file.close();
    expect(shape.sql).toMatch(/without rowid/i);
    expect(indexes.n).toBe(0);
  });
});
