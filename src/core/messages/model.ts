/**
 * The one message model every channel renders: Slack as Block Kit, Teams as an
 * Adaptive Card, the web chat and the terminal their own way. Nothing here
 * knows about any platform.
 */
import type { Intent, Verdict } from '../rulebase/schema.js';

/** The buttons a rule in rules/*.json may put under its answer. */
export const ACTION_IDS = [
  'registreer_geschenk',
  'registreer_nevenfunctie',
  'vertrouwenspersoon',
  'meldroutes',
  'nog_een_vraag',
  'dilemma',
] as const;
export type RuleActionId = (typeof ACTION_IDS)[number];

/**
 * Every button the bot can show. A button carries its id and a value (a code: "hoog", "onderwerp:geschenk",
 * an option of a dilemma), never a sentence for the bot to understand again.
 */
export type ActionId
  = | RuleActionId
    /** A step of a registration: a field's value, "opslaan", "wijzigen", "veld:date", "stoppen". */
    | 'registratie'
    /** Answer to "Wat is de geschatte waarde?": laag, hoog or onbekend. */
    | 'waarde'
    /** Answer to "Gaat het om …?": an intent, or "anders". */
    | 'onderwerp'
    /** "Je registratie staat nog klaar — verder of stoppen?": verder or stoppen. */
    | 'hervatten'
    | 'mijn_registraties'
    /** "Wat bewaren we?": what is kept, for how long, who sees it, and how to download or delete it. */
    | 'wat_bewaren_we'
    | 'mijn_export'
    | 'mijn_verwijderen'
    /** "Weet je het zeker?": ja or nee. */
    | 'verwijderen'
    | 'alle_registraties_open'
    | 'nevenwerk_bevestigen'
    /** A dilemma card's option (its letter), the next card, or stop practising. */
    | 'dilemma_keuze'
    | 'dilemma_volgende'
    | 'dilemma_stoppen'
    | 'stem'
    /** A question to the coordinator: start, send the draft, change it, stop writing. */
    | 'vraag_voorleggen'
    | 'vraag_versturen'
    | 'vraag_aanpassen'
    | 'vraag_stoppen'
    /** On a question (value: its code): the coordinator answers, the asker replies, either closes. */
    | 'vraag_beantwoorden'
    | 'vraag_reageren'
    | 'vraag_sluiten'
    /** The meldwijzer: what it is about (value: the kind), then advice or report (value: "kind:choice"). */
    | 'meldwijzer_soort'
    | 'meldwijzer_keuze';

export interface Action {
  id: ActionId;
  label: string;
  /** The code the bot receives with the id when the person presses it. */
  value: string;
  style?: 'primary' | 'default';
}

/**
 * One line of a contact card; the kind lets a channel make a phone number, address or page a link
 * (see linkOf below), and say what happens next and how you are protected with their label.
 */
export interface ContactDetail {
  kind: 'rol' | 'wat' | 'vervolg' | 'bescherming' | 'telefoon' | 'email' | 'website' | 'intranet';
  /** As people read it, from the texts: "Telefoon". */
  label: string;
  value: string;
}

/**
 * Where a contact detail leads when pressed: a phone number to `tel:`, an address to `mailto:`, a page to
 * itself. Each channel writes the link its own way (Slack mrkdwn, Adaptive Card markdown, plain text in a
 * terminal); what a link may be is decided once, here. Only http(s) pages become links.
 */
export function linkOf(detail: ContactDetail): string | undefined {
  switch (detail.kind) {
    case 'telefoon': {
      // The dialler wants digits: "030 700 1234" and "0800-0113" lose their spaces and dashes, "+31 (0)30" its (0).
      const international = detail.value.trim().startsWith('+');
      const digits = detail.value.replace(/\(0\)/g, '').replace(/\D/g, '');
      return digits.length >= 3 && digits.length <= 15 ? `tel:${international ? '+' : ''}${digits}` : undefined;
    }
    case 'email':
      return /^[^\s@<>()[\]]+@[^\s@<>()[\]]+$/.test(detail.value) ? `mailto:${detail.value}` : undefined;
    case 'website':
    case 'intranet':
      return /^https?:\/\/[^\s<>()[\]|]+$/.test(detail.value) ? detail.value : undefined;
    default:
      return undefined;
  }
}

/** A page as people read it: without "https://", "www." and a trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
}

export interface Contact {
  name: string;
  details: ContactDetail[];
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
  /** Where that rule can be read (the organisation's gedragscode on intranet), for a channel that shows links. */
  sourceUrl?: string;
  /**
   * The person's own data as a file: a channel that can hand over a file (the web chat) offers it for download;
   * the others put the data in the text.
   */
  download?: 'mijn_gegevens';
  /** The bot waits for this answer; its choices are buttons ("waarde", "onderwerp", "hervatten", "meldwijzer_…"). */
  question?: { slot: 'waarde' | 'onderwerp' | 'registratie' | 'meldwijzer'; prompt: string; choices: Action[] };
  /** Contact cards for referrals (vertrouwenspersonen, external routes). */
  contacts?: Contact[];
  actions: Action[];
}
