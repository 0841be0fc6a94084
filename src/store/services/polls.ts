import { randomUUID } from 'node:crypto';
import type { Poll, PollPlan, PollResult, PollTarget, PostRef } from '../../core/polls/model.js';
import type { PollStore, VoteOutcome } from '../../core/polls/ports.js';
import type { Store } from '../database.js';
import type { PollPlanTable, PollTable } from '../schema.js';

/** Polls on the store. Claims are single statements the database decides, so they hold across instances. */
export class StorePollService implements PollStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.store.db;
  }

  async addPlan(plan: Omit<PollPlan, 'id' | 'createdAt'>): Promise<PollPlan> {
    const row: PollPlanTable = {
      id: randomUUID(),
      targets: JSON.stringify(plan.targets),
      weekday: plan.weekday,
      time: plan.time,
      dilemma_id: plan.dilemmaId,
      open_hours: plan.openHours,
      reminder: plan.reminder ? 1 : 0,
      created_at: this.now().toISOString(),
      cancelled_at: null,
    };
    await this.db.insertInto('poll_plans').values(row).execute();
    return planFromRow(row);
  }

  async plans(): Promise<PollPlan[]> {
    const rows = await this.db.selectFrom('poll_plans').selectAll().where('cancelled_at', 'is', null).orderBy('created_at').execute();
    return rows.map(planFromRow);
  }

  /** By the full id or the code people see (its first 8 characters, at least 4). */
  async cancelPlan(id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{4,36}$/.test(id)) return false;
    const result = await this.db
      .updateTable('poll_plans')
      .set({ cancelled_at: this.now().toISOString() })
      .where('id', 'like', `${id}%`)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async hasSlot(planId: string, slot: string): Promise<boolean> {
    const row = await this.db.selectFrom('polls').select('id').where('plan_id', '=', planId).where('slot', '=', slot).executeTakeFirst();
    return row !== undefined;
  }

  async claimSlot(poll: Omit<Poll, 'posts'>, hashKey: string): Promise<boolean> {
    const result = await this.db
      .insertInto('polls')
      .values({
        id: poll.id,
        plan_id: poll.planId,
        slot: poll.slot,
        dilemma_id: poll.dilemmaId,
        targets: JSON.stringify(poll.targets),
        status: 'open',
        opened_at: poll.openedAt,
        closes_at: poll.closesAt,
        remind_at: poll.remindAt,
        reminded_at: null,
        closed_at: null,
        hash_key: hashKey,
        posts: '[]',
        result: null,
      })
      .onConflict((oc) => oc.columns(['plan_id', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async claimSkipped(planId: string, slot: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .insertInto('polls')
      .values({
        id: randomUUID(),
        plan_id: planId,
        slot,
        dilemma_id: '',
        targets: '[]',
        status: 'overgeslagen',
        opened_at: at,
        closes_at: at,
        remind_at: null,
        reminded_at: null,
        closed_at: at,
        hash_key: null,
        posts: '[]',
        result: null,
      })
      .onConflict((oc) => oc.columns(['plan_id', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async setPosts(pollId: string, posts: PostRef[]): Promise<void> {
    await this.db.updateTable('polls').set({ posts: JSON.stringify(posts) }).where('id', '=', pollId).execute();
  }

  async usedDilemmas(): Promise<string[]> {
    const rows = await this.db.selectFrom('polls').select('dilemma_id').where('status', '!=', 'overgeslagen').orderBy('opened_at').execute();
    return rows.map((r) => r.dilemma_id);
  }

  async openPolls(): Promise<Poll[]> {
    const rows = await this.db.selectFrom('polls').selectAll().where('status', '=', 'open').orderBy('opened_at').execute();
    return rows.map(pollFromRow);
  }

  async poll(pollId: string): Promise<Poll | undefined> {
    const row = await this.db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
    return row ? pollFromRow(row) : undefined;
  }

  async claimReminder(pollId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('polls')
      .set({ reminded_at: at })
      .where('id', '=', pollId)
      .where('status', '=', 'open')
      .where('reminded_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  vote(pollId: string, voter: (key: string) => string, optionId: string): Promise<VoteOutcome> {
    return this.db.transaction().execute(async (trx): Promise<VoteOutcome> => {
      const poll = await trx.selectFrom('polls').select(['status', 'hash_key']).where('id', '=', pollId).executeTakeFirst();
      if (poll?.status !== 'open' || !poll.hash_key) return { status: 'gesloten' };
      const hash = voter(poll.hash_key);
      const known = await trx.selectFrom('poll_votes').select('option').where('poll_id', '=', pollId).where('voter', '=', hash).executeTakeFirst();
      await trx
        .insertInto('poll_votes')
        .values({ poll_id: pollId, voter: hash, option: optionId })
        .onConflict((oc) => oc.columns(['poll_id', 'voter']).doUpdateSet({ option: optionId }))
        .execute();
      return known ? { status: 'gewijzigd', previous: known.option } : { status: 'nieuw' };
    });
  }

  close(pollId: string, at: string): Promise<PollResult | null> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('polls')
        .set({ status: 'gesloten', closed_at: at, hash_key: null })
        .where('id', '=', pollId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return null;
      const rows = await trx
        .selectFrom('poll_votes')
        .select(['option', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('poll_id', '=', pollId)
        .groupBy('option')
        .execute();
      const votes = Object.fromEntries(rows.map((r) => [r.option, Number(r.n)]));
      const total = Object.values(votes).reduce((a, b) => a + b, 0);
      // From here on nothing links a vote to a person: the hashes go, and so did the key.
      await trx.deleteFrom('poll_votes').where('poll_id', '=', pollId).execute();
      await trx.updateTable('polls').set({ result: JSON.stringify(votes) }).where('id', '=', pollId).execute();
      const row = await trx.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
      return { poll: pollFromRow(row), votes, total };
    });
  }
}

function planFromRow(r: PollPlanTable): PollPlan {
  return {
    id: r.id,
    targets: JSON.parse(r.targets) as PollTarget[],
    weekday: r.weekday,
    time: r.time,
    dilemmaId: r.dilemma_id,
    openHours: r.open_hours,
    reminder: r.reminder === 1,
    createdAt: r.created_at,
  };
}

function pollFromRow(r: PollTable): Poll {
  return {
    id: r.id,
    planId: r.plan_id,
    slot: r.slot,
    dilemmaId: r.dilemma_id,
    targets: JSON.parse(r.targets) as PollTarget[],
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    remindAt: r.remind_at,
    posts: JSON.parse(r.posts) as PostRef[],
  };
}
