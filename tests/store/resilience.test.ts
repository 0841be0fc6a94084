import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GedragsbotError } from '../../src/core/errors.js';
import { retentionIfDue } from '../../src/server/maintenance.js';
import { connectStore } from '../../src/store/index.js';
import { parseStoreUrl } from '../../src/store/url.js';
import { capturedLogger } from '../helpers/log-capture.js';
import { type RunningServer, startServer } from '../helpers/server.js';
import { bothStores, postgresUrl, sqliteUrl, TEST_PG } from '../helpers/stores.js';
import type { GiftInput } from '../../src/core/registers/model.js';

const GIFT: GiftInput = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Fles wijn',
  valueEuros: 25,
  giverOrg: 'Bouwbedrijf De Vries',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
};

const running: RunningServer[] = [];
afterAll(async () => {
  for (const r of running) await r.close();
});

describe('a dropped PostgreSQL connection', () => {
  it('killed under a running server: it stays up, logs it, and the next request works', async () => {
    const name = `kill_${String(process.pid)}_${Math.random().toString(36).slice(2, 8)}`;
    const url = new URL(postgresUrl());
    url.searchParams.set('application_name', name);
    const dropped: unknown[] = [];
    const server = await startServer({ store: url.toString(), onConnectionError: (error) => dropped.push(error), hrToken: 'hr-token-0123456789abcdef-xyz' });
    running.push(server);
    const ask = () => fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"mijn registraties"}' });
    expect((await ask()).status).toBe(200);
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    const admin = new pg.Client({ connectionString: TEST_PG });
    await admin.connect();
    const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [name]);
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dropped.length).toBeGreaterThan(0);
    expect((await ask()).status).toBe(200);
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });
});

describe('deleted registrations are gone from the file', () => {
  it('SQLite overwrites what "verwijder mijn gegevens" removed (secure_delete)', async () => {
    const url = sqliteUrl();
    const services = await connectStore(url, { minimumCell: 5, now: () => new Date('2026-11-22T10:00:00Z') });
    const marker = 'Zeldzame-Whisky-Q7XK9';
    await services.registers.saveGift('web:someone', { ...GIFT, description: marker }, 'toegestaan_melden');
    await services.registers.deleteAllOwn('web:someone');
    await services.close();
    const { path } = parseStoreUrl(url) as { path: string };
    const bytes = ['', '-wal'].map((s) => `${path}${s}`).filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toContain(marker);
  });
});

describe('a store that cannot be opened says which one', () => {
  it('a corrupt SQLite file: the error names the path', async () => {
    const url = sqliteUrl();
    const { path } = parseStoreUrl(url) as { path: string };
    writeFileSync(path, 'dit is geen database '.repeat(200));
    const error = await connectStore(url, { minimumCell: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GedragsbotError);
    expect((error as GedragsbotError).code).toBe('STORE_UNAVAILABLE');
    expect((error as GedragsbotError).message).toContain(path);
  });

  it('a mistyped PostgreSQL URL never prints its password', () => {
    for (const typo of ['postgres://gedragsbot:Geheim123@db:5432/gb?schema=Bad-Name', 'postgres://gedragsbot:Geheim123@db:99999/gb']) {
      const error = (() => {
        try {
          parseStoreUrl(typo);
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.message ?? '', typo).not.toContain('Geheim123');
    }
  });
});

describe.each(bothStores())('the daily retention on %s', (_name, url) => {
  it('runs once per day across two instances, from 03:00 Dutch time', async () => {
    const shared = url();
    const a = await connectStore(shared, { minimumCell: 5 });
    const b = await connectStore(shared, { minimumCell: 5 });
    const { logger, lines } = capturedLogger();
    try {
      expect(await retentionIfDue(a, 60, new Date('2026-11-25T01:30:00Z'), logger)).toBe(false);
      const at = new Date('2026-11-25T02:05:00Z');
      const claimed = await Promise.all([retentionIfDue(a, 60, at, logger), retentionIfDue(b, 60, at, logger)]);
      expect(claimed.filter(Boolean)).toHaveLength(1);
      expect(await retentionIfDue(a, 60, new Date('2026-11-25T20:00:00Z'), logger)).toBe(false);
      expect(await retentionIfDue(b, 60, new Date('2026-11-26T03:00:00Z'), logger)).toBe(true);
      expect(lines.filter((l) => l.includes('Bewaartermijn toegepast'))).toHaveLength(2);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('several installations in one PostgreSQL database', () => {
  it('opens while another installation drops its schema at the same moment', async () => {
    // Kysely's migrator reads every schema; a schema dropped during that read must not stop our start.
    const admin = new pg.Client({ connectionString: TEST_PG });
    await admin.connect();
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const other = `t_weg_${String(process.pid)}_${String(i)}`;
        await admin.query(`create schema "${other}"`);
        await admin.query(`create table "${other}".x (a int)`);
        await admin.query(`drop schema "${other}" cascade`);
      }
    })();
    try {
      for (let i = 0; i < 8; i++) {
        const services = await connectStore(postgresUrl(), { minimumCell: 5 });
        await services.close();
      }
    } finally {
      churning = false;
      await churn;
      await admin.end();
    }
  });
});
