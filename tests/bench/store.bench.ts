/**
 * `npm run bench` (store part): insert rate of usage counts through the real
 * recorder, then a year of 1,000,000 count events, then the yearly summary
 * HR asks for, timed on SQLite and on PostgreSQL. Target: summary ≤ 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHours, format } from 'date-fns';
import pg from 'pg';
import type { UsageCount } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { seeded } from './random.js';

const EVENTS = 1_000_000;
const LIVE_QUESTIONS = 2_000;
const PG = process.env.GEDRAGSBOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const INTENTS = ['geschenk', 'uitnodiging', 'nevenwerkzaamheden', 'privegebruik', 'informatie', 'belangenverstrengeling', 'ongewenst_gedrag', 'misstand_melden', 'vertrouwenspersoon', 'registreren', 'dilemma', 'help', 'onbekend'];
const VERDICTS = ['toegestaan', 'toegestaan_melden', 'niet_toegestaan', 'overleggen', 'melden', 'doorverwijzen', 'vraag', 'geen'];
const CHANNELS = ['slack', 'teams', 'web', 'cli'] as const;

const random = seeded;

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;

/** As a live bot does it: one question, its counts in one transaction, one after the other. */
async function liveInsertRate(services: StoreServices): Promise<number> {
  const r = random(7);
  const started = performance.now();
  for (let i = 0; i < LIVE_QUESTIONS; i++) {
    const counts: UsageCount[] = [{ event: 'vraag', intent: pick(INTENTS, r), verdict: pick(VERDICTS, r), channel: pick(CHANNELS, r), at: new Date(Date.UTC(2024, 0, 1, i % 24)) }];
    if (r() < 0.1) counts.push({ event: 'doorverwijzing', intent: 'ongewenst_gedrag', verdict: 'doorverwijzen', channel: 'slack', at: new Date(Date.UTC(2024, 0, 1)) });
    await services.usage.record(counts);
  }
  return LIVE_QUESTIONS / ((performance.now() - started) / 1000);
}

/** A year of events, spread over every hour; the table holds them as hourly sums, as in production. */
interface Loaded {
  rows: number;
  perSecond: number;
}

interface Dimensions {
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

async function loadYear(services: StoreServices, year: number, events: number): Promise<Loaded> {
  const r = random(year);
  const hours = 365 * 24;
  // Buckets are local hours; counting them out per year keeps each year's events inside that year.
  const start = new Date(year, 0, 1);
  const rows = new Map<string, Dimensions & { bucket: string }>();
  for (let e = 0; e < events; e++) {
    const bucket = format(addHours(start, Math.floor(r() * hours)), 'yyyy-MM-dd HH');
    const event = r() < 0.85 ? 'vraag' : pick(['vervolg', 'doorverwijzing', 'registratie', 'dilemma', 'poll'], r);
    const intent = pick(INTENTS, r);
    const verdict = pick(VERDICTS, r);
    const channel = pick(CHANNELS, r);
    const key = `${bucket}|${event}|${intent}|${verdict}|${channel}`;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { bucket, event, intent, verdict, channel, count: 1 });
  }
  const all = [...rows.values()];
  // The same three tables the live path fills, summed here in memory for speed.
  const sum = (length: number) => {
    const sums = new Map<string, Dimensions & { period: string }>();
    for (const row of all) {
      const period = row.bucket.slice(0, length);
      const key = `${period}|${row.event}|${row.intent}|${row.verdict}|${row.channel}`;
      const found = sums.get(key);
      if (found) found.count += row.count;
      else {
        const { bucket: _bucket, ...dimensions } = row;
        sums.set(key, { ...dimensions, period });
      }
    }
    return [...sums.values()];
  };
  const daily = sum(10).map(({ period, ...rest }) => ({ day: period, ...rest }));
  const monthly = sum(7).map(({ period, ...rest }) => ({ month: period, ...rest }));
  const started = performance.now();
  const db = services.store.db;
  const insert = async (table: 'usage_counts' | 'usage_daily' | 'usage_monthly', list: object[]) => {
    for (let i = 0; i < list.length; i += 2000) {
      await db.transaction().execute(async (trx) => {
        const batch = list.slice(i, i + 2000);
        for (let j = 0; j < batch.length; j += 400) {
          await trx.insertInto(table).values(batch.slice(j, j + 400) as never).execute();
        }
      });
    }
  };
  await insert('usage_counts', all);
  await insert('usage_daily', daily);
  await insert('usage_monthly', monthly);
  return { rows: all.length, perSecond: events / ((performance.now() - started) / 1000) };
}

async function timeSummary(services: StoreServices, year: number): Promise<{ median: number; worst: number }> {
  await services.stats.yearSummary(year);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    await services.stats.yearSummary(year);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[4] ?? Number.NaN, worst: times.at(-1) ?? Number.NaN };
}

async function benchStore(name: string, url: string): Promise<boolean> {
  const services = await connectStore(url, { minimumCell: 5 });
  try {
    const live = await liveInsertRate(services);
    const loaded = await loadYear(services, 2026, EVENTS);
    await loadYear(services, 2025, EVENTS / 2);
    const summary = await timeSummary(services, 2026);
    console.log(`${name}:`);
    console.log(`  live insert rate: ${live.toFixed(0)} questions/s (one transaction per question)`);
    console.log(`  bulk load: ${EVENTS.toLocaleString('en')} events as ${loaded.rows.toLocaleString('en')} hourly rows, ${loaded.perSecond.toFixed(0)} events/s`);
    console.log(`  yearly summary 2026 (vs 2025): median ${summary.median.toFixed(1)} ms, worst ${summary.worst.toFixed(1)} ms — target ≤ 200 ms: ${summary.worst <= 200 ? 'met' : 'NOT met'}`);
    return summary.worst <= 200;
  } finally {
    await services.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'gedragsbot-bench-'));
const sqlite = `sqlite:${join(folder, 'bench.db')}`;
const schema = `bench_${String(process.pid)}`;
const postgres = `${PG}${PG.includes('?') ? '&' : '?'}schema=${schema}`;
try {
  // A year of counts is a file of a few hundred megabytes: it goes when the bench ends, however it ends.
  await benchStore('SQLite', sqlite);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
try {
  await benchStore('PostgreSQL', postgres);
} finally {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
