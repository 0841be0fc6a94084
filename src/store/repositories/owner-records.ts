import { randomUUID } from 'node:crypto';
import type { ChangeRecord, Notice } from '../../core/registers/model.js';
import type { Db } from './entries.js';

/** The change log: every creation, change, withdrawal, review and removal of an entry. */
export class ChangeLogRepository {
  constructor(private readonly db: Db) {}

  async add(owner: string, change: ChangeRecord): Promise<void> {
    await this.db
      .insertInto('register_changes')
      .values({
        id: randomUUID(),
        register: change.register,
        entry_id: change.entryId,
        owner,
        action: change.action,
        actor: change.actor,
        fields: JSON.stringify(change.fields),
        changed_at: change.changedAt,
      })
      .execute();
  }

  async forOwner(owner: string): Promise<ChangeRecord[]> {
    const rows = await this.db.selectFrom('register_changes').selectAll().where('owner', '=', owner).orderBy('changed_at').execute();
    return rows.map((r) => ({
      register: r.register as ChangeRecord['register'],
      entryId: r.entry_id,
      action: r.action as ChangeRecord['action'],
      actor: r.actor as ChangeRecord['actor'],
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      changedAt: r.changed_at,
    }));
  }

  async forEntry(entryId: string): Promise<number> {
    const row = await this.db
      .selectFrom('register_changes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async deleteByOwner(owner: string): Promise<number> {
    const result = await this.db.deleteFrom('register_changes').where('owner', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteForEntries(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('register_changes').where('entry_id', 'in', ids).execute();
  }
}

export class NoticeRepository {
  constructor(private readonly db: Db) {}

  async add(owner: string, message: string, at: string): Promise<void> {
    await this.db.insertInto('notifications').values({ id: randomUUID(), owner, message, created_at: at, delivered_at: null }).execute();
  }

  async unread(owner: string): Promise<Notice[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('owner', '=', owner)
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, message: r.message, createdAt: r.created_at }));
  }

  async all(owner: string): Promise<Notice[]> {
    const rows = await this.db.selectFrom('notifications').selectAll().where('owner', '=', owner).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, message: r.message, createdAt: r.created_at }));
  }

  async markRead(owner: string, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('notifications').set({ delivered_at: at }).where('owner', '=', owner).where('id', 'in', ids).execute();
  }

  async deleteByOwner(owner: string): Promise<number> {
    const result = await this.db.deleteFrom('notifications').where('owner', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export class ConfirmationRepository {
  constructor(private readonly db: Db) {}

  async confirm(owner: string, year: number, at: string): Promise<void> {
    await this.db
      .insertInto('sidejob_confirmations')
      .values({ owner, year, confirmed_at: at })
      .onConflict((oc) => oc.columns(['owner', 'year']).doUpdateSet({ confirmed_at: at }))
      .execute();
  }

  async confirmedIn(year: number): Promise<Set<string>> {
    const rows = await this.db.selectFrom('sidejob_confirmations').select('owner').where('year', '=', year).execute();
    return new Set(rows.map((r) => r.owner));
  }

  async forOwner(owner: string): Promise<{ year: number; confirmedAt: string }[]> {
    const rows = await this.db.selectFrom('sidejob_confirmations').selectAll().where('owner', '=', owner).orderBy('year').execute();
    return rows.map((r) => ({ year: r.year, confirmedAt: r.confirmed_at }));
  }

  async owners(): Promise<string[]> {
    const rows = await this.db.selectFrom('sidejob_confirmations').select('owner').distinct().execute();
    return rows.map((r) => r.owner);
  }

  async deleteByOwner(owner: string): Promise<number> {
    const result = await this.db.deleteFrom('sidejob_confirmations').where('owner', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
