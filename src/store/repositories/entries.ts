import type { Kysely } from 'kysely';
import type { GiftEntry, SideJobEntry } from '../../core/registers/model.js';
import type { Database, GiftEntryTable, SideJobEntryTable } from '../schema.js';

/** Both registers: rows in, domain entries out. */
export type Db = Kysely<Database>;

export function giftFromRow(r: GiftEntryTable): GiftEntry {
  return {
    id: r.id,
    owner: r.owner,
    direction: r.direction as GiftEntry['direction'],
    date: r.date,
    description: r.description,
    valueEuros: r.value_cents === null ? null : r.value_cents / 100,
    giverOrg: r.giver_org,
    giverRelation: r.giver_relation as GiftEntry['giverRelation'],
    accepted: r.accepted === 1,
    outcome: r.outcome as GiftEntry['outcome'],
    verdict: r.verdict,
    status: r.status as GiftEntry['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
  };
}

export function giftToRow(e: GiftEntry): GiftEntryTable {
  return {
    id: e.id,
    owner: e.owner,
    direction: e.direction,
    date: e.date,
    description: e.description,
    value_cents: e.valueEuros === null ? null : Math.round(e.valueEuros * 100),
    giver_org: e.giverOrg,
    giver_relation: e.giverRelation,
    accepted: e.accepted ? 1 : 0,
    outcome: e.outcome,
    verdict: e.verdict,
    status: e.status,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    reviewed_at: e.reviewedAt,
    review_note: e.reviewNote,
  };
}

export function sideJobFromRow(r: SideJobEntryTable): SideJobEntry {
  return {
    id: r.id,
    owner: r.owner,
    kind: r.kind as SideJobEntry['kind'],
    organisation: r.organisation,
    role: r.role,
    paid: r.paid === 1,
    hoursPerWeek: r.hours_per_week === null ? null : r.hours_per_week,
    startDate: r.start_date,
    endDate: r.end_date,
    relations: r.relations === '' ? [] : (r.relations.split(',') as SideJobEntry['relations']),
    publish: r.publish === 1,
    status: r.status as SideJobEntry['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
  };
}

export function sideJobToRow(e: SideJobEntry): SideJobEntryTable {
  return {
    id: e.id,
    owner: e.owner,
    kind: e.kind,
    organisation: e.organisation,
    role: e.role,
    paid: e.paid ? 1 : 0,
    hours_per_week: e.hoursPerWeek,
    start_date: e.startDate,
    end_date: e.endDate,
    relations: e.relations.join(','),
    publish: e.publish ? 1 : 0,
    status: e.status,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    reviewed_at: e.reviewedAt,
    review_note: e.reviewNote,
  };
}

export interface EntryFilter {
  owner?: string;
  from?: string;
  to?: string;
  status?: string;
  reviewed?: boolean;
}

export class GiftRepository {
  constructor(private readonly db: Db) {}

  async insert(entry: GiftEntry): Promise<void> {
    await this.db.insertInto('gift_entries').values(giftToRow(entry)).execute();
  }

  async replace(entry: GiftEntry): Promise<void> {
    const { id, ...row } = giftToRow(entry);
    await this.db.updateTable('gift_entries').set(row).where('id', '=', id).execute();
  }

  async get(id: string): Promise<GiftEntry | undefined> {
    const row = await this.db.selectFrom('gift_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? giftFromRow(row) : undefined;
  }

  async list(filter: EntryFilter = {}): Promise<GiftEntry[]> {
    let q = this.db.selectFrom('gift_entries').selectAll();
    if (filter.owner) q = q.where('owner', '=', filter.owner);
    if (filter.from) q = q.where('date', '>=', filter.from);
    if (filter.to) q = q.where('date', '<=', filter.to);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.reviewed !== undefined) q = q.where('reviewed_at', filter.reviewed ? 'is not' : 'is', null);
    return (await q.orderBy('date', 'desc').orderBy('created_at', 'desc').execute()).map(giftFromRow);
  }

  async deleteByOwner(owner: string): Promise<number> {
    const result = await this.db.deleteFrom('gift_entries').where('owner', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Entries older than the cut-off (by the gift's date), for retention. */
  async idsOlderThan(day: string): Promise<string[]> {
    const rows = await this.db.selectFrom('gift_entries').select('id').where('date', '<', day).execute();
    return rows.map((r) => r.id);
  }

  async deleteIds(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('gift_entries').where('id', 'in', ids).execute();
  }
}

export class SideJobRepository {
  constructor(private readonly db: Db) {}

  async insert(entry: SideJobEntry): Promise<void> {
    await this.db.insertInto('sidejob_entries').values(sideJobToRow(entry)).execute();
  }

  async replace(entry: SideJobEntry): Promise<void> {
    const { id, ...row } = sideJobToRow(entry);
    await this.db.updateTable('sidejob_entries').set(row).where('id', '=', id).execute();
  }

  async get(id: string): Promise<SideJobEntry | undefined> {
    const row = await this.db.selectFrom('sidejob_entries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? sideJobFromRow(row) : undefined;
  }

  async list(filter: EntryFilter = {}): Promise<SideJobEntry[]> {
    let q = this.db.selectFrom('sidejob_entries').selectAll();
    if (filter.owner) q = q.where('owner', '=', filter.owner);
    if (filter.from) q = q.where('created_at', '>=', filter.from);
    if (filter.to) q = q.where('created_at', '<=', `${filter.to}T23:59:59.999Z`);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.reviewed !== undefined) q = q.where('reviewed_at', filter.reviewed ? 'is not' : 'is', null);
    return (await q.orderBy('created_at', 'desc').execute()).map(sideJobFromRow);
  }

  /** Everyone who has side-job entries (or declared none), for the yearly check. */
  async owners(): Promise<string[]> {
    const rows = await this.db.selectFrom('sidejob_entries').select('owner').where('status', '=', 'actief').distinct().execute();
    return rows.map((r) => r.owner);
  }

  async deleteByOwner(owner: string): Promise<number> {
    const result = await this.db.deleteFrom('sidejob_entries').where('owner', '=', owner).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Ended (or withdrawn) entries whose last change is older than the cut-off, for retention. */
  async idsOlderThan(day: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sidejob_entries')
      .select('id')
      .where('updated_at', '<', day)
      .where((eb) => eb.or([eb('status', '=', 'ingetrokken'), eb('end_date', '<', day), eb('kind', '=', 'geen')]))
      .execute();
    return rows.map((r) => r.id);
  }

  async deleteIds(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('sidejob_entries').where('id', 'in', ids).execute();
  }
}
