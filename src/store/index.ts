import { createHmac } from 'node:crypto';
import type { ChannelDirectory, EventLedger } from '../core/channels.js';
import type { ConversationStateStore } from '../core/conversation/state.js';
import type { ContactBook, Outbox } from '../core/outreach/model.js';
import type { QuestionDesk } from '../core/questions/model.js';
import type { PollStore } from '../core/polls/ports.js';
import type { DilemmaTally } from '../core/dilemmas/practice.js';
import type { RegisterName } from '../core/registers/model.js';
import type { RegisterService } from '../core/registers/service.js';
import type { UsageRecorder } from '../core/usage.js';
import { openStore, type Store } from './database.js';
import { UsageCountRepository } from './repositories/usage-counts.js';
import { StoreChannelDirectory } from './services/channels.js';
import { StoreContactBook } from './services/contacts.js';
import { SideJobCheck } from './services/side-job-check.js';
import { CodeRepository } from './repositories/codes.js';
import type { Texts } from '../core/texts/texts.js';
import { readTexts } from '../core/texts/load.js';
import { StoreEventLedger } from './services/handled-events.js';
import { StoreConversationStates } from './services/conversations.js';
import { CoordinatorService } from './services/coordinator.js';
import { InstanceService } from './services/instance.js';
import { StoreOutbox } from './services/outbox.js';
import { StoreQuestionDesk } from './services/questions.js';
import { Sealer } from './services/sealing.js';
import { SessionService } from './services/sessions.js';
import { CoordinatorWorkspace } from './services/workspace.js';
import { StorePollService } from './services/polls.js';
import { type Clock, StoreRegisterService } from './services/registers.js';
import { StoreUsageRecorder } from './services/usage.js';
import { UsageStatsService } from './services/stats.js';
import { parseStoreUrl } from './url.js';

/** Everything the rest of the program may use of the store: services, never rows. */
export interface StoreServices {
  usage: UsageRecorder;
  stats: UsageStatsService;
  registers: RegisterService;
  coordinator: CoordinatorService;
  channels: ChannelDirectory;
  polls: PollStore;
  /** Slack event ids already handled, shared by all instances. */
  events: EventLedger;
  /** How colleagues answered each dilemma, from the usage counts. */
  tally: DilemmaTally;
  /** Conversation state that any instance can continue; `secret` keys the row hashes. */
  conversations(options: { ttlMs: number; secret?: string | undefined }): ConversationStateStore;
  /** Questions put to the coordinator; closed ones are kept `keepDays` more. */
  questions(keepDays: number): QuestionDesk;
  /** What the bot sends on its own, once across instances. */
  outbox: Outbox;
  /** Where employees with registrations talked to the bot last, for reminders and reviews. */
  contacts: ContactBook;
  /** The yearly confirmation of side jobs and its reminder. */
  sideJobCheck: SideJobCheck;
  /** Shared secrets and once-per-period claims for several instances. */
  instance: InstanceService;
  /** Sign-in sessions of the back office and web chat; `secret` keys the token hashes. */
  sessions(secret?: string): SessionService;
  /** The coordinator's workspace; `threshold` is the rule base's gift threshold. */
  workspace(threshold: number): CoordinatorWorkspace;
  /** Writes the usage counts a server collected in memory (reports and shutdown do it themselves). */
  flushUsage(): Promise<void>;
  /** Whether the database answers now (for /readyz). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
  /** For tests and operations only. */
  readonly store: Store;
}

export interface StoreOptions {
  minimumCell: number;
  /** "kanaal:gebruiker" of the integrity coordinators. */
  coordinators?: readonly string[];
  now?: Clock;
  /** Servers collect usage counts this long and write them together; 0 writes each at once (CLI, tests). */
  usageFlushMs?: number;
  /** A count that could not be written (it is kept and tried again). */
  onUsageError?: (error: unknown) => void;
  /** A database connection dropped outside a query; the next query opens a new one. */
  onConnectionError?: (error: unknown) => void;
  /** GEDRAGSBOT_SECRET: seals addresses and keys hashes; without it the store keeps a generated one. */
  secret?: string | undefined;
  /** The organisation's texts, for the notices the store leaves for employees; the built-in ones without it. */
  texts?: Texts | undefined;
}

/** One generated secret per installation when IT sets none: it keys visitor and conversation hashes. */
export const SHARED_SECRET = 'instance-secret';

export async function connectStore(url: string, options: StoreOptions): Promise<StoreServices> {
  const store = await openStore(parseStoreUrl(url), { onConnectionError: options.onConnectionError });
  const counts = new UsageCountRepository(store.db);
  const usage = new StoreUsageRecorder(counts, options.usageFlushMs ?? 0, options.onUsageError);
  const instance = new InstanceService(store);
  let secretOnce: Promise<string> | undefined;
  // Read once: the event ledger asks for it at every delivery. A failed read (database away) is tried again.
  const readSecret = () => (options.secret ? Promise.resolve(options.secret) : instance.sharedSecret(SHARED_SECRET));
  const secret = () =>
    (secretOnce ??= readSecret().catch((error: unknown) => {
      secretOnce = undefined;
      throw error;
    }));
  let sealer: Promise<Sealer> | undefined;
  const addresses = () => (sealer ??= secret().then((s) => new Sealer(s, 'adressen')));
  let bodySealer: Promise<Sealer> | undefined;
  const bodies = () => (bodySealer ??= secret().then((s) => new Sealer(s, 'vragen')));
  const coordinators = new Set(options.coordinators ?? []);
  const texts = options.texts ?? readTexts();
  const personKey = async (owner: string) => createHmac('sha256', await secret()).update(owner).digest('base64url');
  const events = new StoreEventLedger(store, secret, options.now, options.onUsageError);
  const outbox = new StoreOutbox(store, addresses, secret);
  const contacts = new StoreContactBook(store, addresses);
  // The employee hears that the coordinator looked at an entry; the words are made when it is sent.
  const announce = async (owner: string, register: RegisterName, entryId: string, at: string) => {
    try {
      const address = await contacts.find(owner);
      if (!address) return;
      const code = (await new CodeRepository(store.db).ensure([{ register, id: entryId }])).get(entryId) ?? '';
      await outbox.enqueue('beoordeling', `beoordeling:${entryId}:${at}`, address, { registratie: code }, new Date(at));
    } catch (error) {
      // The review is saved and the employee sees it under "mijn registraties"; only the message did not go.
      options.onUsageError?.(error);
    }
  };
  return {
    usage,
    stats: new UsageStatsService(counts, options.minimumCell, () => usage.flush(), options.now),
    registers: new StoreRegisterService(store, options.now, personKey),
    coordinator: new CoordinatorService(store, coordinators, texts, options.now, announce),
    channels: new StoreChannelDirectory(store),
    polls: new StorePollService(store, options.now),
    events,
    tally: {
      counts: async (dilemmaId) => {
        await usage.flush();
        return counts.dilemmaAnswers(dilemmaId);
      },
    },
    instance,
    questions: (keepDays) => new StoreQuestionDesk(store, addresses, keepDays, bodies),
    outbox,
    contacts,
    sideJobCheck: new SideJobCheck(store, contacts, outbox, personKey),
    conversations: ({ ttlMs, secret: given }) => {
      const key = () => (given ? Promise.resolve(given) : secret());
      const clock = options.now;
      return new StoreConversationStates(store, key, ttlMs, clock ? () => clock().getTime() : Date.now);
    },
    sessions: (given) => {
      const key = () => (given ? Promise.resolve(given) : instance.sharedSecret(SHARED_SECRET));
      return new SessionService(store, key, options.now);
    },
    workspace: (threshold) => new CoordinatorWorkspace(store, threshold, options.now, announce),
    flushUsage: () => usage.flush(),
    ready: () => store.ping().then(() => true, () => false),
    close: async () => {
      await usage.flush();
      await store.close();
    },
    store,
  };
}
