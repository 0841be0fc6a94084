import type { EventLedger } from '../../core/channels.js';
import type { Store } from '../database.js';

/**
 * First deliveries are remembered in memory and written in batches once a
 * second, so answering stays fast; a delivery the platform marks as a retry
 * is checked against the store, where the other instances' ids are. Ids older
 * than a day are pruned: Slack stops retrying long before that.
 */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;
const MEMORY_LIMIT = 10_000;

export class StoreEventLedger implements EventLedger {
  private readonly seen = new Set<string>();
  private readonly pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private prunedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly flushMs = 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async firstTime(id: string, retry: boolean): Promise<boolean> {
    if (this.seen.has(id)) return false;
    if (retry) {
      await this.flush();
      const known = await this.store.db.selectFrom('handled_events').select('id').where('id', '=', id).executeTakeFirst();
      if (known) return false;
    }
    this.remember(id);
    if (retry || this.flushMs === 0) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    return true;
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > MEMORY_LIMIT) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.pending.push(id);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = this.pending.splice(0);
    if (ids.length === 0) return this.writing;
    const at = this.now();
    this.writing = this.writing.then(async () => {
      await this.store.db
        .insertInto('handled_events')
        .values(ids.map((id) => ({ id, handled_at: at.toISOString() })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      if (at.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
      this.prunedAt = at.getTime();
      const before = new Date(at.getTime() - KEEP_MS).toISOString();
      await this.store.db.deleteFrom('handled_events').where('handled_at', '<', before).execute();
    }).catch(() => {
      // Not written: this instance still knows them; only a retry on another instance could slip through.
    });
    return this.writing;
  }
}
