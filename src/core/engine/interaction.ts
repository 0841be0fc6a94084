import type { Platform } from '../channels.js';
import type { Address } from '../outreach/model.js';
import type { BotReply } from '../messages/model.js';
import type { FormValues, RegisterForm } from '../registers/form.js';
import type { RegisterName } from '../registers/model.js';
import type { Channel } from '../usage.js';

/**
 * What a channel hands the engine, whatever its transport: a typed message, a pressed button (its id
 * and value, never a sentence to understand again), a submitted register form, a vote, the app being
 * installed, or the person opening the bot's home.
 */
export type Interaction
  = | { kind: 'text'; text: string }
    | { kind: 'action'; id: string; value: string }
    | { kind: 'form'; register: RegisterName; values: FormValues }
    | { kind: 'vote'; pollId: string; optionId: string }
    | { kind: 'install' }
    | { kind: 'home' };

/** Where it happened: the person's own chat with the bot, or a channel or group others read along in. */
export type Place = { kind: 'direct' } | { kind: 'shared'; platform: Platform; channel: string };

export interface Turn {
  interaction: Interaction;
  channel: Channel;
  /** "kanaal:gebruiker"; it keeps a person's conversation and registrations together, and is never counted. */
  user: string;
  place: Place;
  /**
   * How the channel shows a register as one form: a modal only the person sees (Slack), a card in the
   * conversation (Teams), or not at all (the web chat and the terminal ask field by field).
   */
  forms: 'modal' | 'card' | 'none';
  /** The channel can hand the person a file (the web chat's download link) instead of putting data in the chat. */
  downloads?: boolean;
  /** Where the person can be reached later in private, for an answer that comes after this turn. */
  address?: Address;
}

/**
 * What the channel does next. `to: 'person'` must reach only the person (a direct message, the personal
 * chat, an ephemeral message); `here` goes where the interaction came from.
 */
export type Outcome
  = | { kind: 'reply'; reply: BotReply; to: 'here' | 'person' }
    | { kind: 'form'; form: RegisterForm; to: 'here' | 'person' }
    | { kind: 'note'; text: string };
