import type { UsageCount, UsageRecorder } from '../../core/usage.js';
import type { CountRow, UsageCountRepository } from '../repositories/usage-counts.js';
import { hourBucket } from '../time.js';

/**
 * Stores the core's usage counts; the hour is all that is kept of the time.
 *
 * A server collects counts for up to `flushMs` and writes them as one
 * transaction, with equal counts added up: a busy hour then costs a few
 * writes, not three per question. A crash loses at most that window of
 * anonymous counts, never an answer or a registration. Reading statistics
 * flushes first, so reports always include everything counted so far.
 */
export class StoreUsageRecorder implements UsageRecorder {
  private readonly pending = new Map<string, CountRow>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly counts: UsageCountRepository,
    private readonly flushMs = 0,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  record(counts: UsageCount[]): Promise<void> {
    const rows = counts.map((c) => ({
      bucket: hourBucket(c.at),
      event: c.event,
      intent: c.intent,
      verdict: c.verdict,
      channel: c.channel,
      count: c.delta ?? 1,
    }));
    if (this.flushMs === 0) return this.counts.add(rows);
    this.merge(rows);
    this.timer ??= setTimeout(() => {
      void this.flush();
    }, this.flushMs).unref();
    return Promise.resolve();
  }

  private merge(rows: CountRow[]): void {
    for (const row of rows) {
      const key = `${row.bucket}\u0000${row.event}\u0000${row.intent}\u0000${row.verdict}\u0000${row.channel}`;
      const known = this.pending.get(key);
      if (known) known.count += row.count;
      else this.pending.set(key, { ...row });
    }
  }

  /** Writes what is pending; a failed write keeps the counts for the next try. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = [...this.pending.values()].filter((r) => r.count !== 0);
    this.pending.clear();
    this.writing = this.writing.then(async () => {
      try {
        await this.counts.add(rows);
      } catch (error) {
        this.merge(rows);
        this.timer ??= setTimeout(() => {
          void this.flush();
        }, Math.max(this.flushMs, 1000)).unref();
        this.onError(error);
      }
    });
    return this.writing;
  }
}
