import {
  type Facility,
  type Facts,
  type GiftKind,
  type InfoKind,
  OPEN_ENDED,
  type PoliticalOffice,
  type Situation,
  type SideKind,
} from '../rulebase/facts.js';
import type { Intent } from '../rulebase/schema.js';
import { fold, hasWords, sanitize, words } from '../text/normalize.js';
import { type Amount, readAmount } from './amount.js';
import { type Classification, type IntentClassifier, REFERRAL_INTENTS } from './classifier.js';
import { type FeatureVector, featuresOf } from './features.js';
import { type Frames, framesOf } from './frames.js';
import type { Lexicon } from './lexicon.js';
import type { Thresholds } from './model.js';
import type { SpellingCorrector } from './spelling.js';

/**
 * From a raw chat message to what the rules need: the topic (with how sure
 * the model is), the frame, and the facts (amount, kind of gift, trip,
 * facility, a procedure the person handles …). Safety comes before topic: a
 * message that may need a referral gets one. No message text is kept.
 */
export interface Understanding extends Classification {
  /** False for empty input, only emoji or only markup. */
  readable: boolean;
  concepts: ReadonlySet<string>;
  /** Refers back to something said before ("hem", "die", "dat"). */
  pointsBack: boolean;
  /** Asks what to do next ("wat kan ik doen?", "en nu?", "wat moet ik daarmee?"): about what was just said. */
  asksNextStep: boolean;
  /** Concepts the message only names to deny them ("geen cadeaubon"). */
  denied: string[];
  frames: Frames;
  /** Any value the message names, whatever its topic (a reply "70" has no topic of its own). */
  amount: Amount | null;
  /** The best two topics are too close, or none is likely enough: ask instead of guessing a verdict. */
  uncertain: boolean;
  /** Safety first: the message needs a referral (its intent says which), whatever flow is open. */
  refer: boolean;
  /** Why: a concept that always refers, the model's best topic, or doubt between a referral and another topic. */
  referredBy: 'signaal' | 'model' | 'twijfel' | null;
  facts: Omit<Facts, 'threshold'>;
}

export interface UnderstandOptions {
  /** The message answers the bot's question about the value. */
  replyToValue?: boolean;
  /** A topic is open, so the message may only add facts to it or acknowledge. */
  openTopic?: boolean;
}

/** What the understanding needs from the rule base. */
export interface UnderstandingParts {
  lexicon: Lexicon;
  classifier: IntentClassifier;
  spelling: SpellingCorrector;
}

/** The message as words, concepts and frame: shared by training and answering, so both see the same. */
export interface Reading {
  folded: string;
  tokens: string[];
  tokenConcepts: (readonly string[])[];
  concepts: Set<string>;
  frames: Frames;
  amount: Amount | null;
  /** An amount named with money words; a bare "70" only counts as one in a reply to the value question. */
  explicitAmount: boolean;
  endsWithQuestionMark: boolean;
}

/** Where a comma, full stop or similar starts a new clause, counted in words. */
function clauseStarts(folded: string): Set<number> {
  const starts = new Set<number>();
  let at = 0;
  for (const clause of folded.split(/[,.;:!?()\n]+/)) {
    if (at > 0) starts.add(at);
    at += words(clause).length;
  }
  return starts;
}

export function readMessage(lexicon: Lexicon, message: unknown, options: UnderstandOptions = {}): Reading {
  const folded = fold(sanitize(message));
  const tokens = words(folded);
  const concepts = lexicon.concepts(tokens);
  const tokenConcepts = tokens.map((t) => lexicon.word(t).concepts);
  const amount = readAmount(folded, { bareNumberIsValue: options.replyToValue === true });
  const explicitAmount = options.replyToValue === true ? readAmount(folded) !== null : amount !== null;
  if (amount) concepts.add('bedrag');
  const endsWithQuestionMark = /\?\s*$/.test(folded);
  const frames = framesOf(tokens, endsWithQuestionMark, clauseStarts(folded));
  return { folded, tokens, tokenConcepts, concepts, frames, amount, explicitAmount, endsWithQuestionMark };
}

export function vectorOf(reading: Reading, spelling?: SpellingCorrector): FeatureVector {
  return featuresOf(
    {
      tokens: reading.tokens,
      tokenConcepts: reading.tokenConcepts,
      concepts: reading.concepts,
      frames: reading.frames,
      hasAmount: reading.explicitAmount,
      endsWithQuestionMark: reading.endsWithQuestionMark,
    },
    spelling,
  );
}

/** A concept counts when some word carries it outside a denial ("geen cadeaubon" is no voucher). */
function affirmed(reading: Pick<Reading, 'tokenConcepts' | 'frames' | 'concepts'>, concept: string): boolean {
  if (!reading.concepts.has(concept)) return false;
  let fromWords = false;
  for (let i = 0; i < reading.tokenConcepts.length; i++) {
    if (!reading.tokenConcepts[i]?.includes(concept)) continue;
    fromWords = true;
    if (!reading.frames.negated.has(i)) return true;
  }
  // Found through a phrase only: phrases carry their own meaning.
  return !fromWords;
}

export type ConceptTest = (concept: string) => boolean;

function giftKind(has: ConceptTest, amount: Amount | null): GiftKind {
  // "volgens de bon" is a receipt: it says what the thing cost.
  if (has('waardebon') && !has('kassabon')) return 'waardebon';
  if (has('geld')) return 'geld';
  if (has('korting') || has('gunst') || (has('gratis') && has('dienst_prive'))) return 'gunst';
  const namesAThing = has('geschenk_woord') || has('geschenk_voorwerp');
  // "Ik kreeg 50 euro van een inwoner": the sum itself is the gift.
  if (amount && !amount.attached && !namesAThing) return 'geld';
  return 'voorwerp';
}

function facility(has: ConceptTest): Facility {
  const fixed: [string, Facility][] = [
    ['parkeerkaart', 'parkeerkaart'],
    ['dienstauto', 'dienstauto'],
    ['pakket_bezorgen', 'pakket'],
    ['post', 'post'],
  ];
  for (const [concept, kind] of fixed) if (has(concept)) return kind;
  // Keeping the phone or laptop after leaving is taking property; working on it at home is fine.
  if (has('laptop') && (has('houden_na_dienst') || has('eigendom'))) return 'eigendom';
  if (has('laptop')) return 'laptop';
  // Using the printer for a few private pages is fine; taking the printer (or its paper) home is not.
  if (has('meenemen') || has('houden_na_dienst')) return 'eigendom';
  if (has('voorziening_beperkt')) return 'beperkt';
  if (has('eigendom')) return 'eigendom';
  return 'onbekend';
}

function infoKind(has: ConceptTest): InfoKind {
  if (has('wachtwoord')) return 'wachtwoord';
  if (has('privemail')) return 'privemail';
  if (has('eigen_gewin')) return 'eigen_gewin';
  if (has('vertrouwelijk')) return 'vertrouwelijk';
  if (has('informatie_actie') && has('werkinformatie')) return 'opzoeken';
  return 'algemeen';
}

function sideKind(has: ConceptTest): SideKind {
  return has('financieel_belang') && !has('nevenwerk') ? 'financieel' : 'functie';
}

/** A council or wethouder seat in the very organisation the person works for (Gemeentewet art. 13 and 36b). */
function politicalOffice(has: ConceptTest): PoliticalOffice | null {
  if (!has('raad_wethouder')) return null;
  if (has('andere_organisatie')) return 'elders';
  // Standing for election is no seat yet; "als ik gekozen word" asks about the seat itself.
  if (has('kandidaat') && !has('gekozen')) return 'elders';
  return has('eigen_organisatie') ? 'eigen' : 'elders';
}

function isTrip(has: ConceptTest): boolean {
  return has('reis') || (has('buitenland') && (has('evenement') || has('uitnodiging') || has('betaald_door_ander')));
}

/** Which referral it is, so the answer names the routes that fit: 113 and the huisarts, the police, … */
function situationOf(intent: Intent, has: ConceptTest): Situation | null {
  if (!REFERRAL_INTENTS.has(intent)) return null;
  if (intent === 'steun') return has('suicidaal') ? 'niet_leven' : 'nood';
  if (intent === 'ongewenst_gedrag') {
    if (has('seksueel_geweld')) return 'seksueel_geweld';
    return has('dreiging') ? 'dreiging' : 'ongewenst';
  }
  if (intent === 'misstand_melden') return 'misstand';
  return 'vertrouwen';
}

/** Facts the rules need for a topic, from the concepts so far; a follow-up turn adds its concepts to these. */
export function topicFacts(
  intent: Intent,
  has: ConceptTest,
  amount: Amount | null,
  giver: string | null,
): Omit<Facts, 'threshold' | 'concepts' | 'valueUnknown'> {
  const withValue = VALUE_INTENTS.has(intent) ? amount : null;
  return {
    intent,
    amount: withValue?.value ?? null,
    amountMin: withValue?.min ?? null,
    amountMax: withValue ? Math.min(withValue.max, OPEN_ENDED) : null,
    giftKind: intent === 'geschenk' ? giftKind(has, amount) : null,
    trip: intent === 'uitnodiging' && isTrip(has),
    facility: intent === 'privegebruik' ? facility(has) : null,
    infoKind: intent === 'informatie' ? infoKind(has) : null,
    sideKind: intent === 'nevenwerkzaamheden' ? sideKind(has) : null,
    giver: VALUE_INTENTS.has(intent) ? giver : null,
    procedure: VALUE_INTENTS.has(intent) && has('procedure_lopend') && !has('procedure_afgerond'),
    politicalOffice: intent === 'nevenwerkzaamheden' ? politicalOffice(has) : null,
    situation: situationOf(intent, has),
  };
}

/** What kind of gift a free-text description names ("cadeaubon" is a voucher), for the register's verdict. */
export function giftKindOfText(lexicon: Lexicon, text: string): GiftKind {
  const reading = readMessage(lexicon, text);
  return giftKind((c) => affirmed(reading, c), null);
}

const BACK_REFERENCES = new Set([
  'hem', 'haar', 'ze', 'die', 'dat', 'het', 'ervan', 'erop', 'ermee', 'erbij', 'ernaar', 'daarmee', 'hiermee', 'daarvan', 'hiervan',
  'daarover', 'hierover', 'zoiets',
]);
/**
 * "wat kan ik doen?", "wat moet ik hier nu mee?", "hoe nu verder", "en nu?", "wat raad je me aan?": a question
 * with no subject of its own, so it is about the topic still open.
 */
const NEXT_STEP = new RegExp([
  '^(en |maar |oke?,? |ok,? )?(wat|hoe) (kan|moet|zou|kun|moeten|kunnen) (ik|je|we) (nu |dan |hier |daar |daarmee |hiermee |het beste |dan het beste )*(mee )?(doen|aan|verder|mee)\\b',
  '^(en |maar )?(wat|hoe) nu( verder)?\\b',
  '^(en )?nu\\??$',
  '^(en )?(wat|welke) (raad|adviseer) (je|jij) (me |mij )?(aan)?\\b',
  '^(en )?wat (zijn|is) (mijn|de) (opties|mogelijkheden|volgende stap)\\b',
  '^hoe (pak|ga) ik (dit|dat|het) aan\\b',
].join('|'));

export const VALUE_INTENTS: ReadonlySet<Intent> = new Set(['geschenk', 'uitnodiging']);
/** Concepts that point at a referral however the model weighs them: asking for help must never be missed. */
const SAFETY_SIGNALS: [concept: string, intent: Intent][] = [
  ['suicidaal', 'steun'],
  ['seksueel_geweld', 'ongewenst_gedrag'],
  ['dreiging', 'ongewenst_gedrag'],
  ['nood', 'steun'],
  ['mens_spreken', 'vertrouwenspersoon'],
];
const REGISTER_OBJECTS = ['geschenk_woord', 'geschenk_voorwerp', 'waardebon', 'nevenwerk', 'financieel_belang'];
/** What can be registered, so what a "moet ik het melden?" is about. */
const REGISTER_TOPICS: ReadonlySet<Intent> = new Set(['geschenk', 'nevenwerkzaamheden']);
/** Topics in which someone else can break the code. */
const CONDUCT_TOPICS: ReadonlySet<Intent> = new Set(['geschenk', 'uitnodiging', 'privegebruik', 'informatie', 'nevenwerkzaamheden']);
const CLARIFIABLE: ReadonlySet<Intent> = new Set([
  'geschenk',
  'uitnodiging',
  'nevenwerkzaamheden',
  'privegebruik',
  'informatie',
  'belangenverstrengeling',
]);

/** Safety before topic: a clear signal, or doubt between a referral and anything else, refers. */
type Referral = { intent: Intent; by: 'signaal' | 'model' | 'twijfel' } | null;

function safetyFirst(
  classification: Classification,
  has: ConceptTest,
  frames: Frames,
  thresholds: Thresholds,
): Referral {
  const { intent, ranked, turn } = classification;
  if (has('suicidaal')) return { intent: 'steun', by: 'signaal' };
  if (turn === null && REFERRAL_INTENTS.has(intent)) return { intent, by: 'model' };
  for (const [concept, target] of SAFETY_SIGNALS) {
    // "Ik wil mijn vraag aan een mens stellen" is putting a question to the coordinator, also a person.
    if (has(concept) && !(target === 'vertrouwenspersoon' && intent === 'vraag_voorleggen')) return { intent: target, by: 'signaal' };
  }
  if (turn !== null) {
    // Read as "more about the open topic", yet with a real chance of distress or unwanted behaviour: refer.
    const referral = ranked.find((r) => REFERRAL_INTENTS.has(r.label as Intent));
    return referral && referral.p >= TURN_REFERRAL_P ? { intent: referral.label as Intent, by: 'twijfel' } : null;
  }
  // "Mijn collega deelt zijn wachtwoord": someone else's conduct is a report, never a verdict on the person.
  // Unless the person asks on their behalf whether they may ("mijn medewerker vraagt of ze die mag houden"):
  // then the topic answers, as long as nothing in it names wrongdoing.
  const onBehalf = frames.asksForOther && !has('misstand');
  if ((frames.colleagueActs || frames.colleagueReceives) && CONDUCT_TOPICS.has(intent) && !onBehalf) {
    return { intent: 'misstand_melden', by: 'twijfel' };
  }
  const inDoubt = referralInDoubt(ranked, thresholds.doorverwijzen);
  return inDoubt ? { intent: inDoubt, by: 'twijfel' } : null;
}

/** The likeliest referral when it is within the margin of the best topic, or when referrals together are the most. */
export function referralInDoubt(ranked: readonly { label: string; p: number }[], margin: number): Intent | null {
  const top = ranked[0];
  const referral = ranked.find((r) => REFERRAL_INTENTS.has(r.label as Intent));
  if (!top || !referral) return null;
  const mass = ranked.filter((r) => REFERRAL_INTENTS.has(r.label as Intent)).reduce((sum, r) => sum + r.p, 0);
  const close = referral.p >= MIN_REFERRAL_P && referral.p >= top.p - margin;
  return close || mass >= 0.5 ? (referral.label as Intent) : null;
}

/** Below this a referral is noise, however flat the rest is. */
const MIN_REFERRAL_P = 0.1;
/** For a turn read as an addition or a thank-you, a referral needs more than noise. */
const TURN_REFERRAL_P = 0.2;

export function understand(
  parts: UnderstandingParts,
  message: unknown,
  options: UnderstandOptions = {},
): Understanding {
  const reading = readMessage(parts.lexicon, message, options);
  const vector = vectorOf(reading, parts.spelling);
  const classification = parts.classifier.classify(vector, options.openTopic === true);
  const has: ConceptTest = (c) => affirmed(reading, c);
  const thresholds = parts.classifier.thresholds;
  const referral = safetyFirst(classification, has, reading.frames, thresholds);
  let intent = referral?.intent ?? classification.intent;
  let decidedByFrame = false;
  // "kado melden", "bijbaan doorgeven": two or three words, a thing to register and the verb, no question: do it.
  const shortRegister = reading.tokens.length <= 3 && !reading.endsWithQuestionMark
    && (has('registreer_werkwoord') || has('melden_werkwoord'))
    && REGISTER_OBJECTS.some((c) => has(c));
  const registersNow = shortRegister && referral?.by !== 'signaal';
  if (registersNow) {
    intent = 'registreren';
    decidedByFrame = true;
  }
  // "Moet ik mijn bijbaan doorgeven?" asks whether; only "ik wil …" or "hoe …" is the action of registering.
  if (intent === 'registreren' && reading.frames.asksObligation && !reading.frames.wantsToDo) {
    const topic = classification.ranked.find((r) => REGISTER_TOPICS.has(r.label as Intent));
    if (topic) {
      intent = topic.label as Intent;
      decidedByFrame = true;
    }
  }
  const turn = referral ? null : classification.turn;
  const ranked = classification.ranked;
  const second = ranked.find((r) => r.label !== intent)?.p ?? 0;
  const confidence = ranked.find((r) => r.label === intent)?.p ?? 0;
  const uncertain
    = !referral
      && !decidedByFrame
      && turn === null
      && CLARIFIABLE.has(intent)
      && (confidence < thresholds.zeker || confidence - second < thresholds.marge);
  // "geen idee" alone may be about anything; "kan ik niet inschatten" is always about the value.
  const valueUnknown = has('waarde_niet_te_schatten')
    || (has('waarde_onbekend') && (options.replyToValue === true || has('waarde_woord') || reading.tokens.length <= 6));
  const giver = reading.tokens.find((t) => parts.lexicon.word(t).concepts.includes('gever')) ?? null;
  return {
    ...classification,
    intent,
    turn,
    confidence,
    margin: confidence - second,
    uncertain,
    refer: referral !== null && !registersNow,
    referredBy: registersNow ? null : (referral?.by ?? null),
    readable: hasWords(reading.folded),
    concepts: reading.concepts,
    denied: [...reading.concepts].filter((c) => !has(c)),
    pointsBack: reading.frames.fragment || reading.tokens.some((t) => BACK_REFERENCES.has(t)),
    asksNextStep: NEXT_STEP.test(reading.folded.trim()),
    frames: reading.frames,
    amount: reading.amount,
    facts: {
      ...topicFacts(intent, has, reading.amount, giver),
      valueUnknown,
      concepts: [...reading.concepts].filter((c) => has(c)),
    },
  };
}
