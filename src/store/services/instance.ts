import { randomBytes } from 'node:crypto';
import type { Store } from '../database.js';

/**
 * What several instances on one database must agree on: a secret when IT configured none, and
 * which instance runs a scheduled job for a period. Both rest on one atomic insert.
 */
export class InstanceService {
  constructor(private readonly store: Store) {}

  /** The same generated secret for every instance of this store, made by whichever asks first. */
  async sharedSecret(name: string): Promise<string> {
    await this.store.db
      .insertInto('instance_settings')
      .values({ name, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.store.db
      .selectFrom('instance_settings')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.value;
  }

  /** True for exactly one caller per job and slot, across instances. */
  async claimRun(job: string, slot: string, at: Date): Promise<boolean> {
    const result = await this.store.db
      .insertInto('scheduled_runs')
      .values({ job, slot, claimed_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Gives a claim back when the run failed half-way, so the next tick (on any instance) runs it again. */
  async releaseRun(job: string, slot: string): Promise<void> {
    await this.store.db.deleteFrom('scheduled_runs').where('job', '=', job).where('slot', '=', slot).execute();
  }

  /** When a job's slot was claimed, or null when it never was. */
  async claimedAt(job: string, slot: string): Promise<Date | null> {
    const row = await this.store.db
      .selectFrom('scheduled_runs')
      .select('claimed_at')
      .where('job', '=', job)
      .where('slot', '=', slot)
      .executeTakeFirst();
    return row ? new Date(row.claimed_at) : null;
  }
}
