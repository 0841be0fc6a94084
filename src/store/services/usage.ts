import type { UsageCount, UsageRecorder } from '../../core/usage.js';
import type { UsageCountRepository } from '../repositories/usage-counts.js';
import { hourBucket } from '../time.js';

/** Stores the core's usage counts; the hour is all that is kept of the time. */
export class StoreUsageRecorder implements UsageRecorder {
  constructor(private readonly counts: UsageCountRepository) {}

  record(counts: UsageCount[]): Promise<void> {
    return this.counts.add(
      counts.map((c) => ({
        bucket: hourBucket(c.at),
        event: c.event,
        intent: c.intent,
        verdict: c.verdict,
        channel: c.channel,
        count: c.delta ?? 1,
      })),
    );
  }
}
