/**
 * The one message model every channel renders: Slack as Block Kit, Teams as an
 * Adaptive Card, the web chat and the terminal their own way. Nothing here
 * knows about any platform.
 */
import type { Intent, Verdict } from '../rulebase/schema.js';

export const ACTION_IDS = [
  'registreer_geschenk',
  'registreer_nevenfunctie',
  'vertrouwenspersoon',
  'meldroutes',
  'nog_een_vraag',
  'dilemma',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface Action {
  id: ActionId | 'keuze' | 'stem';
  label: string;
  /** What the bot receives when the person picks it: the same as typing this text. */
  value: string;
  style?: 'primary' | 'default';
}

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  role?: string;
  description?: string;
  url?: string;
}

export interface BotReply {
  intent: Intent;
  verdict: Verdict;
  /** The gift's or invitation's value in euros, when the person named one. */
  amount: number | null;
  /** Plain Dutch, verdict first; at most about 80 words. */
  text: string;
  /** The rule it rests on, e.g. "Gedragscode — Geschenken". */
  source?: string;
  /** The bot waits for this answer; choices are offered as buttons. */
  question?: { slot: 'waarde' | 'onderwerp' | 'registratie'; prompt: string; choices: Action[] };
  /** Contact cards for referrals (vertrouwenspersonen, external routes). */
  contacts?: Contact[];
  actions: Action[];
}
