import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { GedragsbotError } from '../../core/errors.js';
import type {
  ChangeRecord,
  GiftEntry,
  GiftInput,
  Notice,
  OwnData,
  RegisterName,
  SideJobEntry,
  SideJobInput,
} from '../../core/registers/model.js';
import type { RegisterService } from '../../core/registers/service.js';
import { validateGift, validateSideJob } from '../../core/registers/validate.js';
import type { Store } from '../database.js';
import { CodeRepository } from '../repositories/codes.js';
import { DecisionRepository } from '../repositories/decisions.js';
import { type Db, GiftRepository, SideJobRepository } from '../repositories/entries.js';
import { ChangeLogRepository, ConfirmationRepository, NoticeRepository } from '../repositories/owner-records.js';
import { TIME_ZONE } from '../time.js';

export function repositories(db: Db) {
  return {
    gifts: new GiftRepository(db),
    sideJobs: new SideJobRepository(db),
    changes: new ChangeLogRepository(db),
    notices: new NoticeRepository(db),
    confirmations: new ConfirmationRepository(db),
  };
}

/** Everyone with side-job entries or an earlier "geen" who has not confirmed for `year` yet. */
export async function sideJobCheckDue(db: Db, year: number): Promise<string[]> {
  const r = repositories(db);
  const [withEntries, confirmedBefore, confirmedNow] = await Promise.all([
    r.sideJobs.owners(),
    r.confirmations.owners(),
    r.confirmations.confirmedIn(year),
  ]);
  return [...new Set([...withEntries, ...confirmedBefore])].filter((o) => !confirmedNow.has(o)).sort();
}

export type Clock = () => Date;

export function localDay(now: Date): string {
  return format(new TZDate(now.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

function notFound(): GedragsbotError {
  return new GedragsbotError('NOT_FOUND', 'Registratie niet gevonden', {
    userText: 'fout.registratie_niet_gevonden',
  });
}

/** Which fields differ, with their new values: what the change log keeps of an edit. */
function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[String(key)] = after[key];
  }
  return diff;
}

/** The registers for employees: every write and its change-log line commit together or not at all. */
export class StoreRegisterService implements RegisterService {
  constructor(
    private readonly store: Store,
    private readonly now: Clock = () => new Date(),
    /** The keyed hash the outbox's yearly-check keys hold; without it, those messages stay. */
    private readonly personKey?: (owner: string) => Promise<string>,
  ) {}

  private log(register: RegisterName, entryId: string, action: ChangeRecord['action'], fields: Record<string, unknown>): ChangeRecord {
    return { register, entryId, action, actor: 'medewerker', fields, changedAt: this.now().toISOString() };
  }

  /** What every new entry starts with besides the employee's fields. */
  private fresh(owner: string) {
    const at = this.now().toISOString();
    return { id: randomUUID(), owner, status: 'actief' as const, createdAt: at, updatedAt: at, reviewedAt: null, reviewNote: null };
  }

  async saveGift(owner: string, input: GiftInput, verdict: string): Promise<GiftEntry> {
    const valid = validateGift(input, localDay(this.now()));
    const entry: GiftEntry = { ...valid, ...this.fresh(owner), verdict };
    await this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      await r.gifts.insert(entry);
      await r.changes.add(owner, this.log('geschenk', entry.id, 'aangemaakt', { ...valid, verdict }));
    });
    return entry;
  }

  async saveSideJob(owner: string, input: SideJobInput): Promise<SideJobEntry> {
    const valid = validateSideJob(input, localDay(this.now()));
    const entry: SideJobEntry = { ...valid, ...this.fresh(owner) };
    const at = entry.createdAt;
    await this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      await r.sideJobs.insert(entry);
      await r.changes.add(owner, this.log('nevenwerk', entry.id, 'aangemaakt', { ...valid }));
      // Registering counts as this year's confirmation of one's side jobs.
      await r.confirmations.confirm(owner, Number(localDay(this.now()).slice(0, 4)), at);
    });
    return entry;
  }

  async listOwn(owner: string): Promise<{ gifts: GiftEntry[]; sideJobs: SideJobEntry[]; notices: Notice[] }> {
    const r = repositories(this.store.db);
    const [gifts, sideJobs, notices] = await Promise.all([
      // Withdrawn entries too: the employee sees them marked as withdrawn, as the export has them.
      r.gifts.list({ owner }),
      r.sideJobs.list({ owner }),
      r.notices.unread(owner),
    ]);
    return { gifts, sideJobs, notices };
  }

  async updateGift(owner: string, id: string, changes: Partial<GiftInput>): Promise<GiftEntry> {
    return this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const before = await r.gifts.get(id);
      if (before?.owner !== owner || before.status !== 'actief') throw notFound();
      const { id: _id, owner: _owner, verdict: _verdict, status: _status, ...rest } = before;
      const { createdAt: _c, updatedAt: _u, reviewedAt: _r, reviewNote: _n, ...input } = rest;
      const valid = validateGift({ ...input, ...changes }, localDay(this.now()));
      const after: GiftEntry = { ...before, ...valid, updatedAt: this.now().toISOString() };
      await r.gifts.replace(after);
      await r.changes.add(owner, this.log('geschenk', id, 'gewijzigd', changedFields(input, valid)));
      return after;
    });
  }

  async updateSideJob(owner: string, id: string, changes: Partial<SideJobInput>): Promise<SideJobEntry> {
    return this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const before = await r.sideJobs.get(id);
      if (before?.owner !== owner || before.status !== 'actief') throw notFound();
      const { id: _id, owner: _owner, status, createdAt, updatedAt, reviewedAt, reviewNote, ...input } = before;
      const valid = validateSideJob({ ...input, ...changes }, localDay(this.now()));
      const after: SideJobEntry = { ...before, ...valid, updatedAt: this.now().toISOString() };
      await r.sideJobs.replace(after);
      await r.changes.add(owner, this.log('nevenwerk', id, 'gewijzigd', changedFields(input, valid)));
      return after;
    });
  }

  async withdraw(owner: string, register: RegisterName, id: string): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const entry = register === 'geschenk' ? await r.gifts.get(id) : await r.sideJobs.get(id);
      if (entry?.owner !== owner) throw notFound();
      // Asking twice (a double click, a repeated "trek 1 in") changes nothing and is no error.
      if (entry.status === 'ingetrokken') return;
      const updatedAt = this.now().toISOString();
      if (register === 'geschenk') await r.gifts.replace({ ...(entry as GiftEntry), status: 'ingetrokken', updatedAt });
      else await r.sideJobs.replace({ ...(entry as SideJobEntry), status: 'ingetrokken', updatedAt });
      await r.changes.add(owner, this.log(register, id, 'ingetrokken', {}));
    });
  }

  async exportOwn(owner: string): Promise<OwnData> {
    const r = repositories(this.store.db);
    const [gifts, sideJobs, changes, notices, confirmations] = await Promise.all([
      r.gifts.list({ owner }),
      r.sideJobs.list({ owner }),
      r.changes.forOwner(owner),
      r.notices.all(owner),
      r.confirmations.forOwner(owner),
    ]);
    // The short codes (G-7K3Q) the coordinator uses too, so the export never has to show an id.
    const codes = await new CodeRepository(this.store.db).ensure([
      ...gifts.map((g) => ({ register: 'geschenk' as const, id: g.id })),
      ...sideJobs.map((s) => ({ register: 'nevenwerk' as const, id: s.id })),
    ]);
    const coded = <T extends { id: string }>(e: T) => ({ ...e, ...(codes.has(e.id) ? { code: codes.get(e.id) } : {}) });
    return { owner, gifts: gifts.map(coded), sideJobs: sideJobs.map(coded), changes, notices, confirmations };
  }

  async deleteAllOwn(owner: string): Promise<number> {
    const person = this.personKey ? await this.personKey(owner) : undefined;
    return this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      // The coordinator's codes and decisions of these entries, and the name the back office knew, go too.
      const gifts = await r.gifts.list({ owner });
      const sideJobs = await r.sideJobs.list({ owner });
      const ids = [...gifts.map((g) => g.id), ...sideJobs.map((s) => s.id)];
      await new DecisionRepository(trx).deleteForEntries(ids);
      await new CodeRepository(trx).deleteForEntries(ids);
      await trx.deleteFrom('people').where('owner', '=', owner).execute();
      await trx.deleteFrom('contact_addresses').where('owner', '=', owner).execute();
      // Messages about these entries or this person that wait in the outbox (or were sent) go too.
      for (const id of ids) await trx.deleteFrom('outbox').where('dedupe_key', 'like', `beoordeling:${id}:%`).execute();
      if (person) {
        // "_" in a hash is a LIKE wildcard: the candidates are checked exactly before they go.
        const candidates = await trx.selectFrom('outbox').select(['id', 'dedupe_key']).where('dedupe_key', 'like', `nevenwerk_jaarcheck%:${person}`).execute();
        const mine = candidates.filter((c) => c.dedupe_key.startsWith('nevenwerk_jaarcheck') && c.dedupe_key.endsWith(`:${person}`)).map((c) => c.id);
        if (mine.length > 0) await trx.deleteFrom('outbox').where('id', 'in', mine).execute();
      }
      const counts = await Promise.all([
        r.gifts.deleteByOwner(owner),
        r.sideJobs.deleteByOwner(owner),
        r.changes.deleteByOwner(owner),
        r.notices.deleteByOwner(owner),
        r.confirmations.deleteByOwner(owner),
      ]);
      return counts.reduce((a, b) => a + b, 0);
    });
  }

  async confirmSideJobs(owner: string, year: number): Promise<void> {
    await repositories(this.store.db).confirmations.confirm(owner, year, this.now().toISOString());
  }

  async markNoticesRead(owner: string, ids: string[]): Promise<void> {
    await repositories(this.store.db).notices.markRead(owner, ids, this.now().toISOString());
  }
}
