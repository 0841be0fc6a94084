import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { ConversationState, ConversationStateStore } from '../../core/conversation/state.js';
import type { Store } from '../database.js';
import { precompileScratch } from '../precompiled.js';

/**
 * Conversation state in the shared store, so any instance continues any conversation and a restart
 * loses none. A row holds the topic's facts and the flow's step (never a message text) and expires
 * after the configured time. The row's key is a keyed hash of the conversation, so the table does not
 * say who talked to the bot lately.
 */
const PRUNE_EVERY_MS = 5 * 60 * 1000;
const REMEMBERED_ROW_KEYS = 10_000;

export class StoreConversationStates implements ConversationStateStore {
  private key: Promise<KeyObject> | undefined;
  private prunedAt = 0;
  /**
   * Row keys of the conversations active lately, so the hash is computed once per conversation rather than
   * twice per message. Kept no longer than a state lives, so memory says no more about who talked than the table.
   */
  private readonly rowKeys = new Map<string, { key: string; at: number }>();
  private readonly read;
  private readonly write;

  constructor(
    private readonly store: Store,
    private readonly secret: () => Promise<string>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.read = precompileScratch(store, 1, (db, key: string) =>
      db.selectFrom('conversation_states').select(['state', 'expires_at']).where('key', '=', key),
    );
    this.write = precompileScratch(store, 3, (db, key: string, state: string, expiresAt: number) =>
      db
        .insertInto('conversation_states')
        .values({ key, state, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ state, expires_at: expiresAt })),
    );
  }

  private async rowKey(conversation: string): Promise<string> {
    const at = this.now();
    const known = this.rowKeys.get(conversation);
    if (known && at - known.at < this.ttlMs) return known.key;
    this.rowKeys.delete(conversation);
    // One key object, made once: building it from the string on every message cost more than the hash.
    this.key ??= this.secret().then((secret) => createSecretKey(Buffer.from(secret)));
    const key = createHmac('sha256', await this.key).update(conversation).digest('base64url');
    // Oldest first out; a busy day's conversations fit many times over.
    if (this.rowKeys.size >= REMEMBERED_ROW_KEYS) this.rowKeys.delete(this.rowKeys.keys().next().value ?? '');
    this.rowKeys.set(conversation, { key, at });
    return key;
  }

  async get(conversation: string): Promise<ConversationState | undefined> {
    const [row] = (await this.read(await this.rowKey(conversation))).rows;
    if (!row || Number(row.expires_at) <= this.now()) return undefined;
    try {
      return JSON.parse(row.state) as ConversationState;
    } catch {
      // A state this version cannot read starts the conversation afresh rather than failing it.
      return undefined;
    }
  }

  async set(conversation: string, state: ConversationState): Promise<void> {
    const at = this.now();
    await this.write(await this.rowKey(conversation), JSON.stringify(state), at + this.ttlMs);
    if (at - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = at;
      await this.store.scratch.deleteFrom('conversation_states').where('expires_at', '<=', at).execute();
    }
  }

  async delete(conversation: string): Promise<void> {
    await this.store.scratch.deleteFrom('conversation_states').where('key', '=', await this.rowKey(conversation)).execute();
  }
}
