import type { Generated } from 'kysely';

/**
 * Table shapes, for this folder only: rows never leave src/store. Booleans are
 * 0/1 and dates ISO text, so one query layer serves SQLite and PostgreSQL alike.
 */
export interface UsageCountTable {
  /** Local hour in Europe/Amsterdam, "2026-11-22 14": counts are never finer than that. */
  bucket: string;
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

export interface UsageDailyTable {
  /** Local day, "2026-11-22". */
  day: string;
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

export interface UsageMonthlyTable {
  /** Local month, "2026-11". */
  month: string;
  event: string;
  intent: string;
  verdict: string;
  channel: string;
  count: number;
}

export interface GiftEntryTable {
  id: string;
  owner: string;
  direction: string;
  date: string;
  description: string;
  value_cents: number | null;
  giver_org: string;
  giver_relation: string;
  accepted: number;
  outcome: string;
  verdict: string;
  status: string;
  created_at: string;
  updated_at: string;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface SideJobEntryTable {
  id: string;
  owner: string;
  kind: string;
  organisation: string;
  role: string;
  paid: number;
  hours_per_week: number | null;
  start_date: string | null;
  end_date: string | null;
  relations: string;
  publish: number;
  status: string;
  created_at: string;
  updated_at: string;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface RegisterChangeTable {
  id: string;
  register: string;
  entry_id: string;
  owner: string;
  action: string;
  actor: string;
  fields: string;
  changed_at: string;
}

export interface NotificationTable {
  id: string;
  owner: string;
  message: string;
  created_at: string;
  delivered_at: string | null;
}

export interface SideJobConfirmationTable {
  owner: string;
  year: number;
  confirmed_at: string;
}

export interface ConversationStateTable {
  key: string;
  state: string;
  /** Milliseconds since 1970; PostgreSQL hands a bigint back as text. */
  expires_at: number | string;
}

export interface ChannelTargetTable {
  platform: string;
  id: string;
  name: string | null;
  address: string;
  updated_at: string;
}

export interface PollPlanTable {
  id: string;
  targets: string;
  weekday: number;
  time: string;
  dilemma_id: string | null;
  open_hours: number;
  reminder: number;
  created_at: string;
  cancelled_at: string | null;
}

export interface PollTable {
  id: string;
  plan_id: string | null;
  slot: string;
  dilemma_id: string;
  targets: string;
  /** open, gesloten or overgeslagen. */
  status: string;
  opened_at: string;
  closes_at: string;
  remind_at: string | null;
  reminded_at: string | null;
  closed_at: string | null;
  /** The per-poll key of the voter hashes; null once the poll is closed. */
  hash_key: string | null;
  posts: string;
  result: string | null;
}

export interface PollVoteTable {
  poll_id: string;
  /** HMAC of the voter under the poll's key; not reversible, and unlinkable once the key is gone. */
  voter: string;
  option: string;
}

export interface HandledEventTable {
  id: string;
  handled_at: string;
}

export interface InstanceSettingTable {
  name: string;
  value: string;
}

export interface ScheduledRunTable {
  job: string;
  /** The period the run is for, e.g. the local day "2026-11-25". */
  slot: string;
  claimed_at: string;
}

export interface CoordinatorQuestionTable {
  id: string;
  /** "V-7K3Q": what the asker and the coordinator call the question. */
  code: string;
  status: string;
  channel: string;
  /** Sealed address of the asker; null once the question is closed. */
  asker: string | null;
  created_at: string;
  answered_at: string | null;
  closed_at: string | null;
  delete_after: string | null;
  reminded_at: string | null;
}

export interface QuestionMessageTable {
  id: string;
  question_id: string;
  /** "medewerker" or "coordinator". */
  author: string;
  body: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  /** Sealed delivery address; emptied once sent. */
  address: string;
  /** Keyed hash of a web visitor, who is told on their next visit; null for Slack and Teams. */
  lookup: string | null;
  payload: string;
  due_at: string;
  claimed_at: string | null;
  sent_at: string | null;
  attempts: Generated<number>;
}

export interface ContactAddressTable {
  owner: string;
  address: string;
  updated_at: string;
}

export interface WebSessionTable {
  /** HMAC of the cookie's token; the token itself is never stored. */
  id_hash: string;
  subject: string;
  name: string;
  email: string | null;
  /** Comma-separated: hr, coordinator, wio. */
  roles: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  state_hash: string;
  verifier: string;
  nonce: string;
  return_to: string;
  expires_at: string;
}

export interface PersonTable {
  /** "oidc:<sub>". */
  owner: string;
  name: string;
  email: string | null;
  updated_at: string;
}

export interface RegisterCodeTable {
  code: string;
  register: string;
  entry_id: string;
}

export interface RegisterDecisionTable {
  entry_id: string;
  register: string;
  /** akkoord, niet_akkoord, meer_informatie; null while only the publication flag was set. */
  decision: string | null;
  /** teruggeven, inleveren, goed_doel (a gift not approved). */
  measure: string | null;
  /** Where the gift ended up, in the coordinator's words. */
  destination: string | null;
  note: string | null;
  publish: number | null;
  decided_by: string;
  decided_at: string;
}

export interface Database {
  usage_counts: UsageCountTable;
  usage_daily: UsageDailyTable;
  usage_monthly: UsageMonthlyTable;
  gift_entries: GiftEntryTable;
  sidejob_entries: SideJobEntryTable;
  register_changes: RegisterChangeTable;
  notifications: NotificationTable;
  sidejob_confirmations: SideJobConfirmationTable;
  conversation_states: ConversationStateTable;
  channel_targets: ChannelTargetTable;
  poll_plans: PollPlanTable;
  polls: PollTable;
  poll_votes: PollVoteTable;
  handled_events: HandledEventTable;
  instance_settings: InstanceSettingTable;
  scheduled_runs: ScheduledRunTable;
  coordinator_questions: CoordinatorQuestionTable;
  question_messages: QuestionMessageTable;
  outbox: OutboxTable;
  contact_addresses: ContactAddressTable;
  web_sessions: WebSessionTable;
  login_attempts: LoginAttemptTable;
  people: PersonTable;
  register_codes: RegisterCodeTable;
  register_decisions: RegisterDecisionTable;
  /** Kysely's own bookkeeping lives next to ours. */
  _placeholder?: { id: Generated<number> };
}
