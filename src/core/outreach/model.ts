import { z } from 'zod';

/**
 * Reaching people later, without being asked: an answer from the coordinator, a reminder, a review.
 * An address says where; it is only ever stored sealed, and a question's asker address is erased when
 * the question is closed.
 */
export type Address
  = | { platform: 'slack'; user: string }
    | { platform: 'slack'; channel: string }
    | { platform: 'teams'; user: string; tenantId: string; serviceUrl: string; bot: string }
    | { platform: 'teams'; channel: string }
    | { platform: 'web'; visitor: string };

/** What goes out; the payload holds ids and codes, the words come from the text files when it is sent. */
export type OutgoingKind
  = | 'vraag_nieuw'
    | 'vraag_vervolg'
    | 'vraag_antwoord'
    | 'vraag_herinnering'
    | 'vraag_gesloten'
    | 'nevenwerk_jaarcheck'
    | 'nevenwerk_jaarcheck_herinnering'
    | 'beoordeling';

export type Payload = Record<string, string>;

export interface Outgoing {
  id: string;
  kind: OutgoingKind;
  address: Address;
  payload: Payload;
  attempts: number;
}

export interface Outbox {
  /** Queued once per dedupe key, whichever instance asks first; false when it was there already. */
  enqueue(kind: OutgoingKind, dedupeKey: string, address: Address, payload: Payload, dueAt: Date): Promise<boolean>;
  /** Due messages this instance may send now; no other instance gets the same one. */
  claimDue(now: Date, limit: number): Promise<Outgoing[]>;
  sent(id: string, at: Date): Promise<void>;
  /** Not sent: tried again later, up to a limit. */
  failed(id: string, now: Date): Promise<void>;
  /** Messages waiting for a web-chat visitor, who can only be told when they come back. */
  takeForVisitor(visitor: string, now: Date): Promise<Outgoing[]>;
}

/**
 * Where each employee with registrations talked to the bot last, so a reminder or a review reaches them
 * there. Kept only for people with registrations, sealed, and removed with their data.
 */
export interface ContactBook {
  remember(owner: string, address: Address, now: Date): Promise<void>;
  find(owner: string): Promise<Address | null>;
}

/** An address read back from the store is checked like any other input. */
export const addressSchema: z.ZodType<Address> = z.union([
  z.object({ platform: z.literal('slack'), user: z.string().min(1) }).strict(),
  z.object({ platform: z.literal('slack'), channel: z.string().min(1) }).strict(),
  z.object({ platform: z.literal('teams'), user: z.string().min(1), tenantId: z.string(), serviceUrl: z.string().min(1), bot: z.string().min(1) }).strict(),
  z.object({ platform: z.literal('teams'), channel: z.string().min(1) }).strict(),
  z.object({ platform: z.literal('web'), visitor: z.string().min(1) }).strict(),
]);
