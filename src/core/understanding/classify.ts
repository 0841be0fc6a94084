import type { Intent, IntentConfig } from '../rulebase/schema.js';

/**
 * Picks the topic of a message from the concepts found in it, with the
 * weights of the rule base's intenties.json, then applies what word weights
 * cannot express: whether someone asks *if* or wants to *do* something, and
 * whether they describe their own situation or someone else's conduct.
 */

export type Mood = 'vraag' | 'actie' | 'mededeling';

export interface Classification {
  intent: Intent;
  mood: Mood;
  score: number;
  scores: Partial<Record<Intent, number>>;
}

const REFERRALS: ReadonlySet<Intent> = new Set(['ongewenst_gedrag', 'misstand_melden', 'vertrouwenspersoon']);
/** Topics someone else can be breaking the code in, which makes it a report rather than a question. */
const CONDUCT_TOPICS: ReadonlySet<Intent> = new Set([
  'geschenk',
  'privegebruik',
  'informatie',
  'uitnodiging',
]);
const REGISTER_OBJECTS = [
  'geschenk_woord',
  'geschenk_voorwerp',
  'waardebon',
  'nevenwerk',
  'financieel_belang',
];

export function scoreIntents(
  config: IntentConfig,
  concepts: ReadonlySet<string>,
): Partial<Record<Intent, number>> {
  const scores: Partial<Record<Intent, number>> = {};
  for (const [intent, weights] of Object.entries(config.intenties) as [
    Intent,
    NonNullable<IntentConfig['intenties'][Intent]>,
  ][]) {
    let core = 0;
    for (const [concept, weight] of Object.entries(weights.kern)) if (concepts.has(concept)) core += weight;
    if (core === 0) continue;
    if (!weights.vereist.every((group) => group.some((c) => concepts.has(c)))) continue;
    if (weights.uitgesloten.some((c) => concepts.has(c))) continue;
    let support = 0;
    for (const [concept, weight] of Object.entries(weights.steun))
      if (concepts.has(concept)) support += weight;
    scores[intent] = core + support;
  }
  return scores;
}

export function moodOf(concepts: ReadonlySet<string>, endsWithQuestionMark: boolean): Mood {
  if (concepts.has('vraag_twijfel')) return 'vraag';
  if (concepts.has('actie')) return 'actie';
  if (concepts.has('vraag_of') || concepts.has('toestemming') || concepts.has('plicht')) return 'vraag';
  if (concepts.has('hoe_waar')) return 'actie';
  if (endsWithQuestionMark) return 'vraag';
  return concepts.has('eerste_persoon') ? 'mededeling' : 'actie';
}

function best(scores: Partial<Record<Intent, number>>, order: readonly Intent[]): [Intent, number] {
  let top: Intent = 'onbekend';
  let topScore = 0;
  for (const intent of order) {
    const s = scores[intent] ?? 0;
    if (s > topScore) {
      top = intent;
      topScore = s;
    }
  }
  return [top, topScore];
}

export interface ClassifyInput {
  concepts: ReadonlySet<string>;
  /** The person's own first words are about someone else ("Een collega neemt …"). */
  otherActorFirst: boolean;
  endsWithQuestionMark: boolean;
}

export function classify(config: IntentConfig, input: ClassifyInput): Classification {
  const { concepts } = input;
  const scores = scoreIntents(config, concepts);
  const order = Object.keys(config.intenties) as Intent[];
  const mood = moodOf(concepts, input.endsWithQuestionMark);
  let [intent, score] = best(scores, order);

  const registerVerb
    = concepts.has('registreer_werkwoord')
      || (concepts.has('melden_werkwoord') && REGISTER_OBJECTS.some((c) => concepts.has(c)));
  const aboutConflict = scores.belangenverstrengeling !== undefined;
  // "Kan ik hier mijn bijbaan registreren?" wants to do it; only "moet/mag ik …" asks whether.
  // A bare "bijbaan melden?" asks too; "Kan ik … registreren?" is a request to do it.
  const bareQuestion = input.endsWithQuestionMark
    && !['actie', 'hoe_waar', 'toestemming', 'vraag_of'].some((c) => concepts.has(c));
  const asksWhether = concepts.has('vraag_twijfel') || (concepts.has('vraag_of') && !concepts.has('actie')) || bareQuestion;
  if (registerVerb && !asksWhether && !REFERRALS.has(intent) && !aboutConflict) {
    intent = 'registreren';
    score = Math.max(score, config.minimumScore);
  } else if (intent === 'registreren' && asksWhether) {
    const { registreren: _registreren, ...topics } = scores;
    const [topic, topicScore] = best(topics, order);
    if (topicScore >= config.minimumScore) [intent, score] = [topic, topicScore];
  }

  // "Een collega neemt cadeaus aan" reports someone's conduct;
  // "Iemand wil me 50 euro geven" is the person's own question.
  const aboutOthersOnly
    = input.otherActorFirst
      && !concepts.has('eerste_persoon')
      && !concepts.has('vraag_of')
      && !concepts.has('toestemming');
  const reportsSomeoneElse
    = CONDUCT_TOPICS.has(intent)
      && (aboutOthersOnly || (concepts.has('vermoeden') && concepts.has('derde_persoon')));
  if (reportsSomeoneElse) {
    intent = 'misstand_melden';
    score = Math.max(score, config.minimumScore);
  }

  if (score < config.minimumScore) return { intent: 'onbekend', mood, score, scores };
  return { intent, mood, score, scores };
}
