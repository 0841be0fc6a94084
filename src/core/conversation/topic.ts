import type { Amount } from '../understanding/amount.js';
import { REFERRAL_INTENTS } from '../understanding/classifier.js';
import { topicFacts, type Understanding } from '../understanding/understand.js';
import { OPEN_ENDED } from '../rulebase/facts.js';
import type { Intent } from '../rulebase/schema.js';
import { fold } from '../text/normalize.js';
import type { ConversationState } from './state.js';

/**
 * How a later turn changes the open topic. Only facts are kept between turns
 * (the concepts found, the amount, the giver), never the text, so a follow-up
 * recomputes the verdict from all facts so far.
 */
type TopicFacts = ConversationState['facts'];

/** Topics whose verdict depends on facts a later turn can add. */
export const FACT_TOPICS: ReadonlySet<string> = new Set([
  'registreren',
  'geschenk',
  'uitnodiging',
  'nevenwerkzaamheden',
  'privegebruik',
  'informatie',
  'belangenverstrengeling',
]);

/** What a question is about; a follow-up that names one of these asks about something new. */
const OBJECT_CONCEPTS = [
  'geschenk_woord', 'geschenk_voorwerp', 'waardebon', 'geld', 'uitnodiging', 'evenement', 'reis', 'nevenwerk',
  'financieel_belang', 'laptop', 'eigendom', 'dienstauto', 'parkeerkaart', 'post', 'pakket_bezorgen', 'wachtwoord',
  'vertrouwelijk', 'privemail', 'voorziening_beperkt',
];

const VALUE_CONCEPTS = ['waarde_laag', 'waarde_hoog', 'waarde_onbekend', 'waarde_niet_te_schatten'];
const VALUE_TOPICS: ReadonlySet<string> = new Set(['geschenk', 'uitnodiging']);
const BARE_FOLLOW_UP_MAX_WORDS = 4;
/** "wat kan ik hier nu het beste mee doen?" has no subject of its own; a longer message usually does. */
const NEXT_STEP_MAX_WORDS = 9;
/** A follow-up the model reads as another topic this surely is one. */
const SURE_OF_NEW_TOPIC = 0.7;

/** A short message on the same topic reads as more about it ("en mag ik hem houden?"), a long one as a new question. */
const SAME_TOPIC_FOLLOW_UP_MAX_WORDS = 10;

export function hasOpenTopic(state: ConversationState | undefined): boolean {
  if (!state || state.registration) return false;
  return FACT_TOPICS.has(state.facts.intent) || REFERRAL_INTENTS.has(state.facts.intent as Intent);
}

/** The message only adds or corrects facts of the open topic. */
export function continuesTopic(state: ConversationState | undefined, heard: Understanding, words: number): boolean {
  if (!hasOpenTopic(state) || !state) return false;
  if (heard.turn === 'aanvulling') return true;
  if (heard.turn === 'bevestiging') return false;
  const surelyReferral = heard.referredBy === 'model' || heard.referredBy === 'signaal';
  // The answer to "Wat is de geschatte waarde?": a value, a band ("niet veel") or "weet ik niet".
  const namesValue = heard.amount !== null || VALUE_CONCEPTS.some((c) => heard.facts.concepts.includes(c));
  if (state.awaiting === 'waarde' && namesValue && !surelyReferral) return true;
  const namesOwnObject = OBJECT_CONCEPTS.some((c) => heard.facts.concepts.includes(c));
  const sureOfOtherTopic = heard.intent !== state.facts.intent && heard.confidence >= SURE_OF_NEW_TOPIC;
  // "met mijn leidinggevende, die vraagt erom", "oh wacht, ze doen mee aan de aanbesteding": more about the same thing.
  if (heard.frames.fragment && FACT_TOPICS.has(state.facts.intent) && !surelyReferral && !sureOfOtherTopic) return true;
  // "ik behandel zijn vergunning": a fact about the gift's giver, not a question of its own.
  const addsGiftFact = heard.facts.concepts.includes('procedure_lopend') || heard.amount !== null;
  const plainStatement = !heard.frames.asksWhether && !namesOwnObject && !surelyReferral;
  if (VALUE_TOPICS.has(state.facts.intent) && addsGiftFact && plainStatement) return true;
  // "wat kan ik doen?", "wat moet ik daarmee?": the next step in what was just answered, a referral above all.
  if (heard.asksNextStep && words <= NEXT_STEP_MAX_WORDS && !namesOwnObject && !surelyReferral) return true;
  // "mag dat?", "en nu?": about what was just answered.
  if (words <= BARE_FOLLOW_UP_MAX_WORDS && heard.pointsBack && !namesOwnObject && !surelyReferral) return true;
  const sameTopic = heard.intent === state.facts.intent && FACT_TOPICS.has(heard.intent);
  // "en mag ik hem houden?" points back; "mag ik deze fles wijn aannemen?" names its own thing: a new question.
  return sameTopic && words <= SAME_TOPIC_FOLLOW_UP_MAX_WORDS && heard.pointsBack && !namesOwnObject;
}

function previousAmount(facts: TopicFacts): Amount | null {
  if (facts.amount === null && facts.amountMin === null) return null;
  return {
    value: facts.amount ?? facts.amountMin ?? 0,
    min: facts.amountMin ?? facts.amount ?? 0,
    max: facts.amountMax ?? facts.amount ?? OPEN_ENDED,
    attached: true,
  };
}

/** All facts so far: the new turn's concepts join the old ones, what it denies leaves, a new value replaces the old. */
export function mergeTopic(topic: TopicFacts, heard: Understanding, threshold: number): TopicFacts {
  const intent = topic.intent as Intent;
  const denied = new Set(heard.denied);
  const concepts = new Set([...topic.concepts.filter((c) => !denied.has(c)), ...heard.facts.concepts]);
  const has = (c: string) => concepts.has(c);
  let amount = heard.amount ?? previousAmount(topic);
  const affirmed = new Set(heard.facts.concepts);
  const band = heard.amount ? null : affirmed.has('waarde_hoog') ? 'hoog' : affirmed.has('waarde_laag') ? 'laag' : null;
  if (band === 'hoog') amount = { value: threshold, min: threshold + 0.01, max: OPEN_ENDED, attached: true };
  if (band === 'laag') amount = { value: threshold, min: 0, max: threshold, attached: true };
  const giver = heard.facts.giver ?? topic.giver;
  const facts = topicFacts(intent, has, amount, giver);
  if (band) facts.amount = null;
  // A kind named before stays unless the new turn names a stronger one ("het was een cadeaubon").
  if (intent === 'geschenk' && facts.giftKind === 'voorwerp' && topic.giftKind && !denied.has(kindConcept(topic.giftKind))) {
    facts.giftKind = topic.giftKind;
  }
  const saysUnknown = (affirmed.has('waarde_onbekend') || affirmed.has('waarde_niet_te_schatten')) && !heard.amount;
  return {
    ...facts,
    valueUnknown: saysUnknown || (topic.valueUnknown && !heard.amount && !band),
    concepts: [...concepts],
  };
}

function kindConcept(kind: string): string {
  return kind === 'gunst' ? 'korting' : kind;
}

const TOPIC_WORDS: [Intent, RegExp][] = [
  ['geschenk', /geschenk|cadeau|kado|gift|presentje/],
  ['uitnodiging', /uitnodig|uitje|etentje|evenement|reis/],
  ['nevenwerkzaamheden', /neven|bijbaan|functie|werk ernaast/],
  ['privegebruik', /prive|spullen|gebruik/],
  ['informatie', /informatie|gegevens|wachtwoord/],
  ['belangenverstrengeling', /familie|vriend|belang/],
];

/** The pick after "Gaat het om een geschenk, een uitnodiging, of iets anders?"; null when it is something else. */
export function readTopicChoice(text: string, choices: readonly string[]): Intent | 'anders' | null {
  const folded = fold(text);
  if (folded.length > 60) return null;
  if (/iets anders|geen van beide|anders|geen van/.test(folded)) return 'anders';
  for (const [intent, pattern] of TOPIC_WORDS) if (choices.includes(intent) && pattern.test(folded)) return intent;
  return null;
}
