import type { FlowState } from '../registers/flow.js';
import type { Facts } from '../rulebase/facts.js';
import type { MeldSoort } from '../rulebase/schema.js';

/**
 * A question to the coordinator being written: typing, or shown once more before it is sent. `draft` is
 * the one message text the bot keeps, because the person asked it to; it goes as soon as it is sent or
 * dropped, and the state expires on its own otherwise.
 */
export interface QuestionDraft {
  step: 'typen' | 'bevestigen';
  /** The asker, or a coordinator answering. */
  role: 'medewerker' | 'coordinator';
  /** Set when this is a reply within an existing question. */
  code?: string;
  draft?: string;
}

/**
 * What the bot remembers between two messages of one conversation: only the
 * topic's facts and what it is waiting for, never the message texts.
 */
export interface ConversationState {
  facts: Omit<Facts, 'threshold'>;
  /** The value of the gift, or which topic it is ("Gaat het om een geschenk, een uitnodiging, of iets anders?"). */
  awaiting: 'waarde' | 'onderwerp' | null;
  /** The topics offered when the bot asked which one it is. */
  topicChoices?: string[];
  /** The verdict of the last answer, which an acknowledgement ("ok, dank je") keeps. */
  verdict?: string;
  /** How often the bot already asked for the missing fact, so it does not ask forever. */
  asked: number;
  /** How the open question was counted (its hour, topic and verdict), so its follow-up can move that count. */
  counted?: { at: number; verdict: string; intent?: string };
  /** A registration in progress: only the fields the employee has filled in. */
  registration?: FlowState;
  /** A referral interrupted the registration: it waits for "verder" or "stoppen". */
  registrationPaused?: boolean;
  /** The ids behind the numbers of the last "mijn registraties" list. */
  listing?: { register: 'geschenk' | 'nevenwerk'; id: string }[];
  /** "Verwijder al mijn gegevens" waits for a yes. */
  confirmDelete?: boolean;
  /** Dilemma practice: the open card (null after feedback) and the cards seen in this conversation. */
  dilemma?: { id: string | null; seen: string[] };
  /** A question to the coordinator being written. */
  question?: QuestionDraft;
  /** The meldwijzer waits for a choice: only the code of the kind chosen so far, never what happened. */
  meldwijzer?: { soort: MeldSoort | null };
  updatedAt: number;
}

/** Where conversation state lives; the channels and a shared store can provide their own. */
export interface ConversationStateStore {
  get(key: string): Promise<ConversationState | undefined>;
  set(key: string, state: ConversationState): Promise<void>;
  delete(key: string): Promise<void>;
}

export const DEFAULT_STATE_TTL_MS = 30 * 60 * 1000;

/** In-process state with expiry; enough for one instance and for the CLI. */
export class MemoryStateStore implements ConversationStateStore {
  private readonly states = new Map<string, ConversationState>();

  constructor(
    private readonly ttlMs: number = DEFAULT_STATE_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly maxConversations = 100_000,
  ) {}

  get(key: string): Promise<ConversationState | undefined> {
    return Promise.resolve(this.current(key));
  }

  private current(key: string): ConversationState | undefined {
    const state = this.states.get(key);
    if (!state) return undefined;
    if (this.now() - state.updatedAt > this.ttlMs) {
      this.states.delete(key);
      return undefined;
    }
    return state;
  }

  set(key: string, state: ConversationState): Promise<void> {
    // Map keeps insertion order: re-inserting moves the key to the back, so the oldest falls off first.
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.maxConversations) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.states.delete(key);
    return Promise.resolve();
  }

  get size(): number {
    return this.states.size;
  }
}
