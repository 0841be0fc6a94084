import type { Platform } from '../channels.js';

/**
 * The WIO's weekly dilemma poll. A plan says where and when; each slot it
 * produces becomes one poll, posted once, open for some days, then closed with
 * its result. Votes are anonymous: the store keeps a per-poll keyed hash only
 * to let a person vote once (or change the vote), and destroys key and votes
 * at close.
 */
export interface PollTarget {
  platform: Platform;
  channel: string;
}

export const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;

export interface PollPlan {
  id: string;
  targets: PollTarget[];
  /** 1 = maandag … 7 = zondag, in Europe/Amsterdam. */
  weekday: number;
  /** "HH:MM", local time in Europe/Amsterdam. */
  time: string;
  /** A chosen dilemma, or null for the next one not used before. */
  dilemmaId: string | null;
  openHours: number;
  reminder: boolean;
  createdAt: string;
}

/** Where one poll was posted, so reminders and results go into its thread. */
export interface PostRef {
  platform: Platform;
  channel: string;
  /** Slack message ts, or the Teams activity id of the poll card. */
  messageId: string;
}

export interface Poll {
  id: string;
  planId: string | null;
  /** The planned local slot, "2026-11-24T10:00", or "nu:…" for a poll started by hand. */
  slot: string;
  dilemmaId: string;
  targets: PollTarget[];
  openedAt: string;
  closesAt: string;
  remindAt: string | null;
  posts: PostRef[];
}

export interface PollResult {
  poll: Poll;
  /** Votes per option id. */
  votes: Record<string, number>;
  total: number;
}

export const DEFAULT_OPEN_HOURS = 72;
/** A slot missed while the bot was down still goes out when it is back within this time; later ones are skipped. */
export const CATCH_UP_MS = 24 * 60 * 60 * 1000;
