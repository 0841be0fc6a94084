import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { EventLedger } from '../../core/channels.js';
import type { Store } from '../database.js';
import { precompileScratch } from '../precompiled.js';

/**
 * Platform deliveries already handled, shared by every instance. One atomic insert decides: the
 * instance whose insert lands handles the delivery, every other copy (a retry, the same event on
 * another instance a moment later or at the same moment) is dropped. Ids older than a day are pruned:
 * Slack and Bot Framework stop retrying long before that. A Teams delivery id holds the person's chat id,
 * and its moment would sit next to a question's: only a keyed hash of the id is kept.
 */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;

export class StoreEventLedger implements EventLedger {
  private prunedAt = 0;
  /** Made once: building the key from the secret at every delivery cost more than the hash itself. */
  private hashKey: Promise<KeyObject> | undefined;
  private readonly claim;

  constructor(
    private readonly store: Store,
    private readonly key: () => Promise<string>,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.claim = precompileScratch(store, 2, (db, id: string, handledAt: string) =>
      db.insertInto('handled_events').values({ id, handled_at: handledAt }).onConflict((oc) => oc.column('id').doNothing()),
    );
  }

  async firstTime(id: string): Promise<boolean> {
    const at = this.now();
    try {
      this.hashKey ??= this.key().then((secret) => createSecretKey(Buffer.from(secret)));
      const hashed = createHmac('sha256', await this.hashKey.catch((error: unknown) => {
        this.hashKey = undefined;
        throw error;
      })).update(id).digest('base64url');
      const result = await this.claim(hashed, at.toISOString());
      this.pruneNowAndThen(at);
      return Number(result.numAffectedRows ?? 0n) === 1;
    } catch (error) {
      // Without the store the ledger cannot tell: answering twice is better than not answering at all.
      this.onError(error);
      return true;
    }
  }

  private pruneNowAndThen(at: Date): void {
    if (at.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = at.getTime();
    const before = new Date(at.getTime() - KEEP_MS).toISOString();
    this.store.scratch.deleteFrom('handled_events').where('handled_at', '<', before).execute().catch(this.onError);
  }
}
