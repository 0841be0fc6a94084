import type { Dilemma } from '../dilemmas/schema.js';
import type { BotReply } from '../messages/model.js';
import type { Poll, PollPlan, PollResult, PollTarget, PostRef } from './model.js';

/**
 * What the poll scheduler needs from the store. Every "claim" is atomic in
 * the database: when several instances try at once, exactly one gets true, so
 * each poll, reminder and result goes out once.
 */
export interface PollStore {
  addPlan(plan: Omit<PollPlan, 'id' | 'createdAt'>): Promise<PollPlan>;
  plans(): Promise<PollPlan[]>;
  cancelPlan(id: string): Promise<boolean>;
  hasSlot(planId: string, slot: string): Promise<boolean>;
  /** Inserts the poll for this slot unless one exists; true when this call created it. */
  claimSlot(poll: Omit<Poll, 'posts'>, hashKey: string): Promise<boolean>;
  /** Records a slot that was skipped; true when this call recorded it. */
  claimSkipped(planId: string, slot: string): Promise<boolean>;
  setPosts(pollId: string, posts: PostRef[]): Promise<void>;
  /** Dilemma ids of earlier polls, most recent last. */
  usedDilemmas(): Promise<string[]>;
  openPolls(): Promise<Poll[]>;
  claimReminder(pollId: string, at: string): Promise<boolean>;
  /** One vote per voter hash; a new vote replaces the old one (then `previous` is the option it replaced). */
  vote(pollId: string, voter: (key: string) => string, optionId: string): Promise<VoteOutcome>;
  /** Counts the votes, deletes them and the hash key, and marks the poll closed; null when another instance did. */
  close(pollId: string, at: string): Promise<PollResult | null>;
  poll(pollId: string): Promise<Poll | undefined>;
}

export type VoteOutcome = { status: 'nieuw' } | { status: 'gewijzigd'; previous: string } | { status: 'gesloten' };

/** What a poll looks like where it is posted: the neutral message (words from the texts) the channels render. */
export interface PollCard {
  poll: Poll;
  dilemma: Dilemma;
  kind: 'poll' | 'herinnering' | 'uitslag';
  result?: PollResult;
  message: BotReply;
}

/** Posts into Slack channels and Teams team channels; one implementation per platform. */
export interface PollPublisher {
  post(target: PollTarget, card: PollCard): Promise<PostRef>;
  reply(post: PostRef, card: PollCard): Promise<void>;
}
