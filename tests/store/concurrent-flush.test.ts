import { describe, expect, it } from 'vitest';
import type { UsageCount } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { postgresUrl } from '../helpers/stores.js';

/**
 * Four instances on one PostgreSQL flush their usage counts at the same moment, round after round, for a
 * minute, each with the same hundred keys in its own order: the old per-row upserts deadlocked in 30 of 30
 * rounds with two instances. Now: no failed flush, and every count arrives.
 */
const INSTANCES = 4;
const KEYS = 100;
const DURATION_MS = Number(process.env.FLUSH_TEST_MS ?? 60_000);

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('usage counts from four instances on one PostgreSQL', () => {
  it('flushing at the same moment for a minute: no deadlock, no lost count', async () => {
    const url = postgresUrl();
    const failures: unknown[] = [];
    const instances: StoreServices[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const onUsageError = (error: unknown) => failures.push(error);
      instances.push(await connectStore(url, { minimumCell: 1, usageFlushMs: 60_000, onUsageError }));
    }
    const at = new Date('2026-11-24T10:15:00Z');
    const keys: UsageCount[] = Array.from({ length: KEYS }, (_, k) => ({
      event: 'vraag',
      intent: `intent_${String(k % 25)}`,
      verdict: `verdict_${String(k % 4)}`,
      channel: (['slack', 'teams', 'web', 'cli'] as const)[Math.floor(k / 25)] ?? 'cli',
      at,
    }));
    let rounds = 0;
    const started = Date.now();
    try {
      while (Date.now() - started < DURATION_MS) {
        rounds++;
        await Promise.all(instances.map(async (services, i) => {
          await services.usage.record(shuffled(keys, rounds * 10 + i));
          await services.flushUsage();
        }));
      }
      expect(failures).toEqual([]);
      const rows = await instances[0]!.store.db.selectFrom('usage_counts').select(['count']).execute();
      expect(rows).toHaveLength(KEYS);
      expect(rows.every((r) => r.count === rounds * INSTANCES)).toBe(true);
      const daily = await instances[0]!.store.db.selectFrom('usage_daily').select(['count']).execute();
      expect(daily.reduce((sum, r) => sum + r.count, 0)).toBe(rounds * INSTANCES * KEYS);
    } finally {
      for (const services of instances) await services.close();
    }
  }, DURATION_MS + 60_000);
});
