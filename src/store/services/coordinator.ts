import type { Texts } from '../../core/texts/texts.js';
import { calendarDay } from '../../core/texts/time.js';
import { format, subMonths } from 'date-fns';
import { GedragsbotError } from '../../core/errors.js';
import type { GiftEntry, RegisterName, SideJobEntry } from '../../core/registers/model.js';
import type { CoordinatorPort } from '../../core/registers/service.js';
import type { Store } from '../database.js';
import { CodeRepository } from '../repositories/codes.js';
import { DecisionRepository } from '../repositories/decisions.js';
import type { EntryFilter } from '../repositories/entries.js';
import { type Clock, localDay, repositories, sideJobCheckDue } from './registers.js';

/** The server's own operator (the CLI on the server): may do what a coordinator may. */
export const SYSTEM_ACTOR = 'systeem';

export interface RetentionResult {
  gifts: number;
  sideJobs: number;
  cutoff: string;
}

export interface RegisterListing {
  gifts: GiftEntry[];
  sideJobs: SideJobEntry[];
}

/**
 * The integrity coordinator's view of the registers: list, filter, export,
 * and mark an entry reviewed with a note (the employee gets a notice). Also
 * the yearly side-job check and retention, which IT runs.
 */
export class CoordinatorService implements CoordinatorPort {
  constructor(
    private readonly store: Store,
    private readonly coordinators: ReadonlySet<string>,
    private readonly texts: Texts,
    private readonly now: Clock = () => new Date(),
    /** Tells the employee that the coordinator looked at their entry, in the channel they used last. */
    private readonly announce?: (owner: string, register: RegisterName, entryId: string, at: string) => Promise<void>,
  ) {}

  private allow(actor: string): void {
    if (actor !== SYSTEM_ACTOR && !this.coordinators.has(actor)) {
      throw new GedragsbotError('FORBIDDEN', `${actor} is geen integriteitscoördinator`, {
        userText: 'fout.alleen_coordinator',
      });
    }
  }

  isCoordinator(actor: string): boolean {
    return this.coordinators.has(actor);
  }

  async list(actor: string, register: RegisterName | 'alle', filter: EntryFilter = {}): Promise<RegisterListing> {
    this.allow(actor);
    const r = repositories(this.store.db);
    const gifts = register === 'nevenwerk' ? [] : await r.gifts.list(filter);
    const sideJobs = register === 'geschenk' ? [] : await r.sideJobs.list(filter);
    const codes = await new CodeRepository(this.store.db).ensure([
      ...gifts.map((g) => ({ register: 'geschenk' as const, id: g.id })),
      ...sideJobs.map((s) => ({ register: 'nevenwerk' as const, id: s.id })),
    ]);
    const coded = <T extends { id: string }>(e: T): T & { code?: string } => {
      const code = codes.get(e.id);
      return code ? { ...e, code } : e;
    };
    return { gifts: gifts.map(coded), sideJobs: sideJobs.map(coded) };
  }

  async review(actor: string, register: RegisterName, id: string, note: string): Promise<void> {
    this.allow(actor);
    const cleanNote = note.trim().slice(0, 1000);
    let announced: { owner: string; at: string } | undefined;
    await this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const entry = register === 'geschenk' ? await r.gifts.get(id) : await r.sideJobs.get(id);
      if (!entry) throw new GedragsbotError('NOT_FOUND', `Geen registratie ${id} in het register ${register}`);
      const at = this.now().toISOString();
      const reviewed = { ...entry, reviewedAt: at, reviewNote: cleanNote, updatedAt: at };
      if (register === 'geschenk') await r.gifts.replace(reviewed as GiftEntry);
      else await r.sideJobs.replace(reviewed as SideJobEntry);
      await r.changes.add(entry.owner, {
        register,
        entryId: id,
        action: 'beoordeeld',
        actor: 'coordinator',
        fields: { reviewNote: cleanNote },
        changedAt: at,
      });
      const seen = register === 'geschenk'
        ? this.texts.t('melding.bekeken_geschenk', { omschrijving: (entry as GiftEntry).description, datum: calendarDay((entry as GiftEntry).date) })
        : this.texts.t('melding.bekeken_nevenwerk', { organisatie: (entry as SideJobEntry).organisation });
      const notice = cleanNote ? `${seen} ${this.texts.t('melding.notitie', { notitie: cleanNote })}` : seen;
      await r.notices.add(entry.owner, notice, at);
      announced = { owner: entry.owner, at };
    });
    if (announced) await this.announce?.(announced.owner, register, id, announced.at);
  }

  /** Everyone with side-job entries or an earlier "geen" who has not confirmed for this year yet. */
  async yearlyCheckDue(actor: string, year: number): Promise<string[]> {
    this.allow(actor);
    return sideJobCheckDue(this.store.db, year);
  }

  /** Removes register entries (and their change log) older than the retention period; counts stay. */
  async retention(actor: string, months: number, dryRun = false): Promise<RetentionResult> {
    this.allow(actor);
    const cutoff = format(subMonths(new Date(`${localDay(this.now())}T12:00:00`), months), 'yyyy-MM-dd');
    return this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const gifts = await r.gifts.idsOlderThan(cutoff);
      const sideJobs = await r.sideJobs.idsOlderThan(cutoff);
      if (!dryRun) {
        await r.changes.deleteForEntries([...gifts, ...sideJobs]);
        await new DecisionRepository(trx).deleteForEntries([...gifts, ...sideJobs]);
        await new CodeRepository(trx).deleteForEntries([...gifts, ...sideJobs]);
        await r.gifts.deleteIds(gifts);
        await r.sideJobs.deleteIds(sideJobs);
        // Where someone can be reached is kept only while they have something in a register.
        await trx
          .deleteFrom('contact_addresses')
          .where('owner', 'not in', trx.selectFrom('gift_entries').select('owner'))
          .where('owner', 'not in', trx.selectFrom('sidejob_entries').select('owner'))
          .where('owner', 'not in', trx.selectFrom('sidejob_confirmations').select('owner'))
          .execute();
      }
      return { gifts: gifts.length, sideJobs: sideJobs.length, cutoff };
    });
  }
}
