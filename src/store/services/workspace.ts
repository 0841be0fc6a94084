import { GedragsbotError } from '../../core/errors.js';
import type { ChangeRecord, GiftEntry, RegisterName, SideJobEntry } from '../../core/registers/model.js';
import type { Store } from '../database.js';
import { CodeRepository, normaliseCode } from '../repositories/codes.js';
import { type Decision, type DecisionRecord, DecisionRepository, DECISIONS, type Measure, MEASURES } from '../repositories/decisions.js';
import type { Db } from '../repositories/entries.js';
import { type Clock, repositories } from './registers.js';

/**
 * The integrity coordinator's workspace: both registers with their short codes, the person behind an
 * `oidc:` owner, the current decision, the signal "above the threshold and kept", the change log, and
 * recording a decision (which leaves a notice for the employee, as `review` does).
 */
export type WorkspaceStatus = 'open' | 'bekeken' | 'ingetrokken';

export type WorkspaceItem
  = | { register: 'geschenk'; entry: GiftEntry; code: string; common: Common }
    | { register: 'nevenwerk'; entry: SideJobEntry; code: string; common: Common };

interface Common {
  status: WorkspaceStatus;
  decision: DecisionRecord | null;
  person: { name: string; email: string | null } | null;
  /** A gift above the threshold that the employee kept. */
  keptAboveThreshold: boolean;
  /** A side job to publish: the coordinator's flag, else the employee's. */
  publish: boolean;
}

export interface WorkspaceFilter {
  status?: WorkspaceStatus | 'alle';
  register?: RegisterName | 'alle';
  keptAboveThreshold?: boolean;
}

export interface DecisionInput {
  decision: Decision | null;
  measure: Measure | null;
  destination: string | null;
  note: string | null;
  publish: boolean | null;
}

export { DECISIONS, MEASURES };
export type { Decision, DecisionRecord, Measure };

function statusOf(entry: GiftEntry | SideJobEntry, decision: DecisionRecord | undefined): WorkspaceStatus {
  if (entry.status === 'ingetrokken') return 'ingetrokken';
  if (decision?.decision === 'akkoord' || decision?.decision === 'niet_akkoord') return 'bekeken';
  if (decision?.decision === 'meer_informatie') return 'open';
  return entry.reviewedAt ? 'bekeken' : 'open';
}

const clean = (text: string | null, max: number) => {
  const trimmed = text?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

export class CoordinatorWorkspace {
  constructor(
    private readonly store: Store,
    /** The gift threshold from the rule base (geschenkDrempel). */
    private readonly threshold: number,
    private readonly now: Clock = () => new Date(),
    /** Tells the employee that the coordinator looked at their entry, in the channel they used last. */
    private readonly announce?: (owner: string, register: RegisterName, entryId: string, at: string) => Promise<void>,
  ) {}

  private async enrich(db: Db, gifts: GiftEntry[], sideJobs: SideJobEntry[]): Promise<WorkspaceItem[]> {
    const keys = [...gifts.map((g) => ({ register: 'geschenk' as const, id: g.id })), ...sideJobs.map((s) => ({ register: 'nevenwerk' as const, id: s.id }))];
    const ids = keys.map((k) => k.id);
    const codes = await new CodeRepository(db).ensure(keys);
    const decisions = await new DecisionRepository(db).forEntries(ids);
    const owners = [...new Set([...gifts, ...sideJobs].map((e) => e.owner).filter((o) => o.startsWith('oidc:')))];
    const people = new Map<string, { name: string; email: string | null }>();
    for (let at = 0; at < owners.length; at += 500) {
      const rows = await db.selectFrom('people').selectAll().where('owner', 'in', owners.slice(at, at + 500)).execute();
      for (const r of rows) people.set(r.owner, { name: r.name, email: r.email });
    }
    const common = (entry: GiftEntry | SideJobEntry, extra: Pick<Common, 'keptAboveThreshold' | 'publish'>): Common => {
      const decision = decisions.get(entry.id);
      const person = people.get(entry.owner) ?? null;
      return { status: statusOf(entry, decision), decision: decision ?? null, person, ...extra };
    };
    return [
      ...gifts.map((entry): WorkspaceItem => ({
        register: 'geschenk',
        entry,
        code: codes.get(entry.id) ?? '',
        common: common(entry, {
          keptAboveThreshold: entry.accepted && entry.outcome === 'gehouden' && entry.valueEuros !== null && entry.valueEuros > this.threshold,
          publish: false,
        }),
      })),
      ...sideJobs.map((entry): WorkspaceItem => ({
        register: 'nevenwerk',
        entry,
        code: codes.get(entry.id) ?? '',
        common: common(entry, {
          keptAboveThreshold: false,
          publish: decisions.get(entry.id)?.publish ?? entry.publish,
        }),
      })),
    ];
  }

  async list(filter: WorkspaceFilter = {}): Promise<WorkspaceItem[]> {
    const r = repositories(this.store.db);
    const register = filter.register ?? 'alle';
    const [gifts, sideJobs] = await Promise.all([
      register === 'nevenwerk' ? [] : r.gifts.list(),
      register === 'geschenk' ? [] : r.sideJobs.list(),
    ]);
    const items = await this.enrich(this.store.db, gifts, sideJobs);
    return items
      .filter((i) => !filter.status || filter.status === 'alle' || i.common.status === filter.status)
      .filter((i) => !filter.keptAboveThreshold || i.common.keptAboveThreshold)
      .sort((a, b) => b.entry.createdAt.localeCompare(a.entry.createdAt));
  }

  /** An entry by its code (G-7K3Q), or by the start of its id (at least 6 characters) when that is unique. */
  async find(codeOrId: string): Promise<WorkspaceItem | undefined> {
    const key = await this.resolve(codeOrId);
    if (!key) return undefined;
    const r = repositories(this.store.db);
    const gift = key.register === 'geschenk' ? await r.gifts.get(key.id) : undefined;
    const sideJob = key.register === 'nevenwerk' ? await r.sideJobs.get(key.id) : undefined;
    const [item] = await this.enrich(this.store.db, gift ? [gift] : [], sideJob ? [sideJob] : []);
    return item;
  }

  async resolve(codeOrId: string): Promise<{ register: RegisterName; id: string } | undefined> {
    const code = normaliseCode(codeOrId);
    if (code) return new CodeRepository(this.store.db).find(code);
    const prefix = codeOrId.trim().toLowerCase();
    if (!/^[0-9a-f-]{6,36}$/.test(prefix)) return undefined;
    const [gifts, sideJobs] = await Promise.all([
      this.store.db.selectFrom('gift_entries').select('id').where('id', 'like', `${prefix}%`).limit(2).execute(),
      this.store.db.selectFrom('sidejob_entries').select('id').where('id', 'like', `${prefix}%`).limit(2).execute(),
    ]);
    const found = [...gifts.map((g) => ({ register: 'geschenk' as const, id: g.id })), ...sideJobs.map((s) => ({ register: 'nevenwerk' as const, id: s.id }))];
    return found.length === 1 ? found[0] : undefined;
  }

  async changes(item: WorkspaceItem): Promise<ChangeRecord[]> {
    const rows = await this.store.db.selectFrom('register_changes').selectAll().where('entry_id', '=', item.entry.id).orderBy('changed_at').execute();
    return rows.map((r) => ({
      register: r.register as RegisterName,
      entryId: r.entry_id,
      action: r.action as ChangeRecord['action'],
      actor: r.actor as ChangeRecord['actor'],
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      changedAt: r.changed_at,
    }));
  }

  /**
   * Records the decision, marks the entry reviewed with `summary` (what the employee sees beside it in
   * "mijn registraties"), logs the change and leaves `notice` for the employee.
   */
  async decide(
    codeOrId: string,
    input: DecisionInput,
    by: string,
    words: (item: WorkspaceItem, decision: DecisionRecord) => { summary: string; notice: string },
  ): Promise<WorkspaceItem> {
    const key = await this.resolve(codeOrId);
    if (!key) throw new GedragsbotError('NOT_FOUND', `Geen registratie ${codeOrId}`);
    const valid: DecisionInput = {
      decision: input.decision,
      measure: key.register === 'geschenk' && input.decision === 'niet_akkoord' ? input.measure : null,
      destination: key.register === 'geschenk' ? clean(input.destination, 300) : null,
      note: clean(input.note, 1000),
      publish: key.register === 'nevenwerk' ? input.publish : null,
    };
    if (valid.decision !== null && !DECISIONS.includes(valid.decision)) throw new GedragsbotError('INPUT_INVALID', 'besluit');
    if (key.register === 'geschenk' && valid.decision === 'niet_akkoord' && (valid.measure === null || !MEASURES.includes(valid.measure))) {
      throw new GedragsbotError('INPUT_INVALID', 'maatregel');
    }
    if (valid.decision === null && valid.publish === null) throw new GedragsbotError('INPUT_INVALID', 'besluit');
    let announced: { owner: string; at: string } | undefined;
    await this.store.db.transaction().execute(async (trx) => {
      const r = repositories(trx);
      const entry = key.register === 'geschenk' ? await r.gifts.get(key.id) : await r.sideJobs.get(key.id);
      if (!entry) throw new GedragsbotError('NOT_FOUND', `Geen registratie ${codeOrId}`);
      if (entry.status === 'ingetrokken') throw new GedragsbotError('INPUT_INVALID', 'ingetrokken');
      const at = this.now().toISOString();
      const decidedBy = by.slice(0, 200);
      const decision: DecisionRecord = { register: key.register, entryId: key.id, ...valid, decidedBy, decidedAt: at };
      const [item] = await this.enrich(trx, key.register === 'geschenk' ? [entry as GiftEntry] : [], key.register === 'nevenwerk' ? [entry as SideJobEntry] : []);
      if (!item) throw new GedragsbotError('NOT_FOUND', `Geen registratie ${codeOrId}`);
      const { summary, notice } = words(item, decision);
      await new DecisionRepository(trx).save(decision);
      if (valid.decision !== null) {
        const reviewed = { ...entry, reviewedAt: at, reviewNote: summary, updatedAt: at };
        if (key.register === 'geschenk') await r.gifts.replace(reviewed as GiftEntry);
        else await r.sideJobs.replace(reviewed as SideJobEntry);
        await r.notices.add(entry.owner, notice, at);
        announced = { owner: entry.owner, at };
      }
      await r.changes.add(entry.owner, {
        register: key.register,
        entryId: key.id,
        action: 'beoordeeld',
        actor: 'coordinator',
        fields: {
          besluit: valid.decision,
          ...(valid.measure ? { maatregel: valid.measure } : {}),
          ...(valid.destination ? { bestemming: valid.destination } : {}),
          ...(valid.note ? { notitie: valid.note } : {}),
          ...(valid.publish !== null ? { publiceren: valid.publish } : {}),
          door: decision.decidedBy,
        },
        changedAt: at,
      });
    });
    if (announced) await this.announce?.(announced.owner, key.register, key.id, announced.at);
    const item = await this.find(codeOrId);
    if (!item) throw new GedragsbotError('NOT_FOUND', `Geen registratie ${codeOrId}`);
    return item;
  }
}
