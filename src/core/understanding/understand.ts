import {
  type Facility,
  type Facts,
  type GiftKind,
  type InfoKind,
  OPEN_ENDED,
  type SideKind,
} from '../rulebase/facts.js';
import type { Intent, IntentConfig } from '../rulebase/schema.js';
import { fold, hasWords, sanitize, words } from '../text/normalize.js';
import { type Amount, readAmount } from './amount.js';
import { type Classification, classify } from './classify.js';
import type { Lexicon } from './lexicon.js';

/**
 * From a raw chat message to what the rules need: the topic, the mood and the
 * facts (amount, kind of gift, trip, facility …). No message text is kept.
 */
export interface Understanding extends Classification {
  /** False for empty input, only emoji or only markup. */
  readable: boolean;
  concepts: ReadonlySet<string>;
  /** Any value the message names, whatever its topic (a reply "70" has no topic of its own). */
  amount: Amount | null;
  facts: Omit<Facts, 'threshold'>;
}

export interface UnderstandOptions {
  /** The message answers the bot's question about the value. */
  replyToValue?: boolean;
}

const OTHER_ACTOR_WINDOW = 4;

function giftKind(c: ReadonlySet<string>, amount: Amount | null): GiftKind {
  if (c.has('waardebon')) return 'waardebon';
  if (c.has('geld')) return 'geld';
  if (c.has('korting') || c.has('gunst') || (c.has('gratis') && c.has('dienst_prive'))) return 'gunst';
  const namesAThing = c.has('geschenk_woord') || c.has('geschenk_voorwerp');
  // "Ik kreeg 50 euro van een inwoner": the sum itself is the gift.
  if (amount && !amount.attached && !namesAThing) return 'geld';
  return 'voorwerp';
}

function facility(c: ReadonlySet<string>): Facility {
  const fixed: [string, Facility][] = [
    ['parkeerkaart', 'parkeerkaart'],
    ['dienstauto', 'dienstauto'],
    ['pakket_bezorgen', 'pakket'],
    ['post', 'post'],
    ['laptop', 'laptop'],
  ];
  for (const [concept, kind] of fixed) if (c.has(concept)) return kind;
  // Using the printer for a few private pages is fine; taking the printer (or its paper) home is not.
  const takesAway = c.has('meenemen');
  if (takesAway) return 'eigendom';
  if (c.has('voorziening_beperkt')) return 'beperkt';
  if (c.has('eigendom')) return 'eigendom';
  return 'onbekend';
}

function infoKind(c: ReadonlySet<string>): InfoKind {
  if (c.has('wachtwoord')) return 'wachtwoord';
  if (c.has('privemail')) return 'privemail';
  if (c.has('eigen_gewin')) return 'eigen_gewin';
  if (c.has('vertrouwelijk')) return 'vertrouwelijk';
  if (c.has('informatie_actie') && c.has('werkinformatie')) return 'opzoeken';
  return 'algemeen';
}

function sideKind(c: ReadonlySet<string>): SideKind {
  return c.has('financieel_belang') && !c.has('nevenwerk') ? 'financieel' : 'functie';
}

function isTrip(c: ReadonlySet<string>): boolean {
  return (
    c.has('reis')
    || (c.has('buitenland') && (c.has('evenement') || c.has('uitnodiging') || c.has('betaald_door_ander')))
  );
}

/** What kind of gift a free-text description names ("cadeaubon" is a voucher), for the register's verdict. */
export function giftKindOfText(lexicon: Lexicon, text: string): GiftKind {
  return giftKind(lexicon.concepts(words(fold(sanitize(text)))), null);
}

const VALUE_INTENTS: ReadonlySet<Intent> = new Set(['geschenk', 'uitnodiging']);

export function understand(
  lexicon: Lexicon,
  config: IntentConfig,
  message: unknown,
  options: UnderstandOptions = {},
): Understanding {
  const folded = fold(sanitize(message));
  const tokens = words(folded);
  const concepts = lexicon.concepts(tokens);
  const amount = readAmount(folded, { bareNumberIsValue: options.replyToValue === true });
  if (amount) concepts.add('bedrag');
  const otherActorFirst = tokens.slice(0, OTHER_ACTOR_WINDOW).some((t, i, first) => {
    const isOther = lexicon.word(t).concepts.includes('derde_persoon');
    return isOther && !first.slice(0, i).includes('ik');
  });
  const classification = classify(config, {
    concepts,
    otherActorFirst,
    endsWithQuestionMark: folded.endsWith('?'),
  });
  const { intent } = classification;
  const valueUnknown
    = concepts.has('waarde_onbekend') && (options.replyToValue === true || concepts.has('waarde_woord'));
  const withValue = VALUE_INTENTS.has(intent) ? amount : null;
  const giver = VALUE_INTENTS.has(intent) ? (tokens.find((t) => lexicon.word(t).concepts.includes('gever')) ?? null) : null;
  return {
    ...classification,
    readable: hasWords(folded),
    concepts,
    amount,
    facts: {
      intent,
      amount: withValue?.value ?? null,
      amountMin: withValue?.min ?? null,
      amountMax: withValue ? Math.min(withValue.max, OPEN_ENDED) : null,
      valueUnknown,
      giftKind: intent === 'geschenk' ? giftKind(concepts, amount) : null,
      trip: intent === 'uitnodiging' && isTrip(concepts),
      facility: intent === 'privegebruik' ? facility(concepts) : null,
      infoKind: intent === 'informatie' ? infoKind(concepts) : null,
      sideKind: intent === 'nevenwerkzaamheden' ? sideKind(concepts) : null,
      giver,
      concepts: [...concepts],
    },
  };
}
