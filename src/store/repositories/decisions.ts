import type { RegisterName } from '../../core/registers/model.js';
import type { Db } from './entries.js';

/** The coordinator's current decision per entry; its history is the entry's change log. */
export const DECISIONS = ['akkoord', 'niet_akkoord', 'meer_informatie'] as const;
export type Decision = (typeof DECISIONS)[number];
export const MEASURES = ['teruggeven', 'inleveren', 'goed_doel'] as const;
export type Measure = (typeof MEASURES)[number];

export interface DecisionRecord {
  register: RegisterName;
  entryId: string;
  decision: Decision | null;
  measure: Measure | null;
  destination: string | null;
  note: string | null;
  /** The coordinator's publication flag of a side job; null follows the employee's. */
  publish: boolean | null;
  decidedBy: string;
  decidedAt: string;
}

export class DecisionRepository {
  constructor(private readonly db: Db) {}

  async save(d: DecisionRecord): Promise<void> {
    const row = {
      register: d.register,
      decision: d.decision,
      measure: d.measure,
      destination: d.destination,
      note: d.note,
      publish: d.publish === null ? null : d.publish ? 1 : 0,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
    };
    await this.db
      .insertInto('register_decisions')
      .values({ entry_id: d.entryId, ...row })
      .onConflict((oc) => oc.column('entry_id').doUpdateSet(row))
      .execute();
  }

  async forEntries(ids: string[]): Promise<Map<string, DecisionRecord>> {
    const found = new Map<string, DecisionRecord>();
    for (let at = 0; at < ids.length; at += 500) {
      const rows = await this.db.selectFrom('register_decisions').selectAll().where('entry_id', 'in', ids.slice(at, at + 500)).execute();
      for (const r of rows) {
        found.set(r.entry_id, {
          register: r.register as RegisterName,
          entryId: r.entry_id,
          decision: r.decision as Decision | null,
          measure: r.measure as Measure | null,
          destination: r.destination,
          note: r.note,
          publish: r.publish === null ? null : r.publish === 1,
          decidedBy: r.decided_by,
          decidedAt: r.decided_at,
        });
      }
    }
    return found;
  }

  async deleteForEntries(ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += 500) {
      await this.db.deleteFrom('register_decisions').where('entry_id', 'in', ids.slice(at, at + 500)).execute();
    }
  }
}
