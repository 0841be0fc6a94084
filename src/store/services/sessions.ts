import { createHmac } from 'node:crypto';
import type { Store } from '../database.js';

/**
 * Sign-in state shared by every instance: sessions (who, roles, until when) and sign-ins in progress.
 * Tokens are random and only their keyed hash is stored, so a copy of the database signs no one in.
 */
export const ROLES = ['hr', 'coordinator', 'wio'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  /** "oidc:<sub>": the owner of this person's registrations. */
  owner: string;
  name: string;
  email: string | null;
  roles: Role[];
  expiresAt: string;
}

export interface LoginAttempt {
  verifier: string;
  nonce: string;
  returnTo: string;
}

export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly key: () => Promise<string>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async hash(token: string): Promise<string> {
    return createHmac('sha256', await this.key()).update(token).digest('base64url');
  }

  async startLogin(state: string, attempt: LoginAttempt, ttlMs: number): Promise<void> {
    const at = this.now();
    await this.store.db.deleteFrom('login_attempts').where('expires_at', '<', at.toISOString()).execute();
    await this.store.db
      .insertInto('login_attempts')
      .values({
        state_hash: await this.hash(state),
        verifier: attempt.verifier,
        nonce: attempt.nonce,
        return_to: attempt.returnTo,
        expires_at: new Date(at.getTime() + ttlMs).toISOString(),
      })
      .execute();
  }

  /** The sign-in this state started, once: a replayed callback finds nothing. */
  async takeLogin(state: string): Promise<LoginAttempt | undefined> {
    const stateHash = await this.hash(state);
    return this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('login_attempts').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
      if (!row) return undefined;
      const taken = await trx.deleteFrom('login_attempts').where('state_hash', '=', stateHash).executeTakeFirst();
      if (Number(taken.numDeletedRows) !== 1 || row.expires_at < this.now().toISOString()) return undefined;
      return { verifier: row.verifier, nonce: row.nonce, returnTo: row.return_to };
    });
  }

  async create(token: string, user: SessionUser): Promise<void> {
    const at = this.now().toISOString();
    await this.store.db.deleteFrom('web_sessions').where('expires_at', '<', at).execute();
    await this.store.db
      .insertInto('web_sessions')
      .values({
        id_hash: await this.hash(token),
        subject: user.owner,
        name: user.name,
        email: user.email,
        roles: user.roles.join(','),
        expires_at: user.expiresAt,
      })
      .execute();
    await this.store.db
      .insertInto('people')
      .values({ owner: user.owner, name: user.name, email: user.email, updated_at: at })
      .onConflict((oc) => oc.column('owner').doUpdateSet({ name: user.name, email: user.email, updated_at: at }))
      .execute();
  }

  async get(token: string): Promise<SessionUser | undefined> {
    const row = await this.store.db
      .selectFrom('web_sessions')
      .selectAll()
      .where('id_hash', '=', await this.hash(token))
      .where('expires_at', '>', this.now().toISOString())
      .executeTakeFirst();
    if (!row) return undefined;
    const roles = row.roles.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return { owner: row.subject, name: row.name, email: row.email, roles, expiresAt: row.expires_at };
  }

  async end(token: string): Promise<void> {
    await this.store.db.deleteFrom('web_sessions').where('id_hash', '=', await this.hash(token)).execute();
  }

  /** Names for owners the coordinator sees; only people who signed in are known. */
  async people(owners: string[]): Promise<Map<string, { name: string; email: string | null }>> {
    const wanted = [...new Set(owners.filter((o) => o.startsWith('oidc:')))];
    if (wanted.length === 0) return new Map();
    const rows = await this.store.db.selectFrom('people').selectAll().where('owner', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.owner, { name: r.name, email: r.email }]));
  }
}
