import { createHmac, randomUUID } from 'node:crypto';
import {
  type Address,
  addressSchema,
  type Outbox,
  type Outgoing,
  type OutgoingKind,
  type Payload,
} from '../../core/outreach/model.js';
import type { Store } from '../database.js';
import type { Sealer } from './sealing.js';

/**
 * The outbox in the shared store. A message is queued once per dedupe key; an instance claims it with a
 * conditional update, so with several instances each message goes out once. A claim that was never
 * finished (the instance died) may be taken over after a few minutes; a failed send is retried with
 * growing pauses, and given up after a day's worth of tries. Once sent, the address is erased.
 */
const STALE_CLAIM_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 8;
const SENT_KEPT_MS = 400 * 24 * 60 * 60 * 1000;

interface OutboxRow {
  id: string;
  kind: string;
  address: string;
  payload: string;
  attempts: number;
}

export class StoreOutbox implements Outbox {
  constructor(
    private readonly store: Store,
    private readonly sealer: () => Promise<Sealer>,
    private readonly lookupKey: () => Promise<string>,
  ) {}

  private async lookup(address: Address): Promise<string | null> {
    if (address.platform !== 'web') return null;
    return createHmac('sha256', await this.lookupKey()).update(address.visitor).digest('base64url');
  }

  async enqueue(kind: OutgoingKind, key: string, address: Address, payload: Payload, dueAt: Date): Promise<boolean> {
    const sealer = await this.sealer();
    const result = await this.store.db
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        dedupe_key: key,
        kind,
        address: sealer.seal(address),
        lookup: await this.lookup(address),
        payload: JSON.stringify(payload),
        due_at: dueAt.toISOString(),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async claimDue(now: Date, limit: number): Promise<Outgoing[]> {
    const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    const candidates = await this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('lookup', 'is', null)
      .where('due_at', '<=', now.toISOString())
      .where('attempts', '<', MAX_ATTEMPTS)
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
      .orderBy('due_at')
      .limit(limit)
      .execute();
    const mine: Outgoing[] = [];
    for (const row of candidates) {
      const claimed = await this.store.db
        .updateTable('outbox')
        .set({ claimed_at: now.toISOString(), attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .where('sent_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const outgoing = await this.read(row);
      if (outgoing) mine.push({ ...outgoing, attempts: row.attempts + 1 });
    }
    return mine;
  }

  private async read(row: OutboxRow): Promise<Outgoing | null> {
    const sealer = await this.sealer();
    const address = addressSchema.safeParse(sealer.open(row.address));
    if (!address.success) return null;
    return {
      id: row.id,
      kind: row.kind as OutgoingKind,
      address: address.data,
      payload: JSON.parse(row.payload) as Payload,
      attempts: row.attempts,
    };
  }

  async sent(id: string, at: Date): Promise<void> {
    // The dedupe key stays so the message is never queued again; where it went is forgotten.
    await this.store.db.updateTable('outbox').set({ sent_at: at.toISOString(), address: '', lookup: null }).where('id', '=', id).execute();
    const before = new Date(at.getTime() - SENT_KEPT_MS).toISOString();
    await this.store.db.deleteFrom('outbox').where('sent_at', '<', before).execute();
  }

  async failed(id: string, now: Date): Promise<void> {
    const row = await this.store.db.selectFrom('outbox').select('attempts').where('id', '=', id).executeTakeFirst();
    const pauseMinutes = 2 ** Math.min(row?.attempts ?? 1, 10);
    await this.store.db
      .updateTable('outbox')
      .set({ claimed_at: null, due_at: new Date(now.getTime() + pauseMinutes * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async takeForVisitor(visitor: string, now: Date): Promise<Outgoing[]> {
    const lookup = await this.lookup({ platform: 'web', visitor });
    const rows = await this.store.db
      .selectFrom('outbox')
      .selectAll()
      .where('lookup', '=', lookup)
      .where('sent_at', 'is', null)
      .where('due_at', '<=', now.toISOString())
      .orderBy('due_at')
      .execute();
    const taken: Outgoing[] = [];
    for (const row of rows) {
      const claimed = await this.store.db
        .updateTable('outbox')
        .set({ sent_at: now.toISOString(), address: '', lookup: null })
        .where('id', '=', row.id)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const outgoing = await this.read(row);
      if (outgoing) taken.push(outgoing);
    }
    return taken;
  }
}
