import type { Address } from '../outreach/model.js';
import type { Channel } from '../usage.js';

/**
 * A question put to the integrity coordinator in writing. The coordinator sees the question and the
 * messages back and forth, never who asked; the asker follows it by its code.
 */
export type QuestionStatus = 'open' | 'beantwoord' | 'gesloten';
export type Author = 'medewerker' | 'coordinator';

export interface QuestionMessage {
  author: Author;
  body: string;
  at: string;
}

export interface QuestionView {
  code: string;
  status: QuestionStatus;
  createdAt: string;
  /** When it was closed, and when it will be deleted; null while it is open. */
  closedAt: string | null;
  deleteAfter: string | null;
  messages: QuestionMessage[];
}

export interface QuestionDesk {
  /** Stores the question with the asker's sealed address; returns its code, e.g. "V-7K3Q9". */
  ask(body: string, asker: Address, channel: Channel, now: Date): Promise<QuestionView>;
  /** The coordinator's answer or question back; the question stays open for a reply either way. */
  reply(code: string, author: Author, body: string, now: Date): Promise<QuestionView | null>;
  close(code: string, now: Date): Promise<QuestionView | null>;
  /** For the asker only: null unless `asker` is where the question came from. */
  viewAsAsker(code: string, asker: Address): Promise<QuestionView | null>;
  /** For the coordinators: open and answered questions, never the asker. */
  inbox(): Promise<QuestionView[]>;
  /** For the coordinators' page: every question still kept, closed ones too until they are deleted. */
  all(): Promise<QuestionView[]>;
  view(code: string): Promise<QuestionView | null>;
  /** Where the answer must go; null once the question is closed. */
  askerOf(code: string): Promise<Address | null>;
  /** Open questions waiting longer than the limit and not reminded about since; marks them reminded. */
  overdue(olderThan: Date, now: Date): Promise<QuestionView[]>;
  /** Removes closed questions past their keeping time; returns how many. */
  purge(now: Date): Promise<number>;
}

/** "V-7K3Q9": five characters that cannot be mistaken for one another when read aloud or typed. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_PATTERN = /^V-[2-9A-HJ-NP-Z]{5}$/;

export function readCode(text: string): string | null {
  const match = /\bV-?([2-9A-HJ-NP-Z]{5})\b/i.exec(text);
  return match?.[1] ? `V-${match[1].toUpperCase()}` : null;
}
