import type { ContactBook, Outbox } from '../../core/outreach/model.js';
import type { Store } from '../database.js';
import { sideJobCheckDue } from './registers.js';

/**
 * The yearly confirmation of side jobs: everyone with a side-job registration (also "geen") or an earlier
 * confirmation is asked once, in the channel they used last; two weeks later only those who did not
 * confirm meanwhile get one reminder. The outbox's dedupe keys make each message go out once, whichever
 * instance runs the round; the key holds a keyed hash of the person, not who it is.
 */
const FIRST = 'nevenwerk_jaarcheck';
const AGAIN = 'nevenwerk_jaarcheck_herinnering';

export interface RoundResult {
  queued: number;
  /** People the bot cannot reach: they never talked to it since addresses are kept. */
  unreachable: number;
}

export class SideJobCheck {
  constructor(
    private readonly store: Store,
    private readonly contacts: ContactBook,
    private readonly outbox: Outbox,
    /** A keyed hash of an owner: the outbox's dedupe keys never hold the owner itself. */
    private readonly personKey: (owner: string) => Promise<string>,
  ) {}

  private async key(kind: string, year: number, owner: string): Promise<string> {
    return `${kind}:${String(year)}:${await this.personKey(owner)}`;
  }

  /** The first round of `year`: one message to each person who has not confirmed yet. */
  async firstRound(year: number, now: Date): Promise<RoundResult> {
    return this.round(FIRST, year, now, () => Promise.resolve(true));
  }

  /** The reminder: only to people who got the first message and still did not confirm. */
  async reminderRound(year: number, now: Date): Promise<RoundResult> {
    return this.round(AGAIN, year, now, async (owner) => {
      const first = await this.key(FIRST, year, owner);
      const row = await this.store.db.selectFrom('outbox').select('id').where('dedupe_key', '=', first).executeTakeFirst();
      return row !== undefined;
    });
  }

  private async round(
    kind: typeof FIRST | typeof AGAIN,
    year: number,
    now: Date,
    include: (owner: string) => Promise<boolean>,
  ): Promise<RoundResult> {
    let queued = 0;
    let unreachable = 0;
    for (const owner of await sideJobCheckDue(this.store.db, year)) {
      if (!(await include(owner))) continue;
      const address = await this.contacts.find(owner);
      if (!address) {
        unreachable++;
        continue;
      }
      const key = await this.key(kind, year, owner);
      if (await this.outbox.enqueue(kind, key, address, { jaar: String(year) }, now)) queued++;
    }
    return { queued, unreachable };
  }
}
