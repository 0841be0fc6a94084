import type { Intent } from '../rulebase/schema.js';
import type { Label } from './corpus.js';
import type { FeatureVector } from './features.js';
import type { LoadedModel, Thresholds } from './model.js';
import { probabilities } from './softmax.js';

/**
 * The trained model's view of one message: a probability per label, the best
 * topic with its margin to the runner-up, and whether a later turn only adds
 * facts or acknowledges.
 */
export interface Ranked {
  label: Label;
  p: number;
}

export interface Classification {
  intent: Intent;
  /** Probability of the chosen intent. */
  confidence: number;
  /** Distance to the runner-up topic; small means the model hesitates between two. */
  margin: number;
  /** Topics from most to least likely (turn labels left out). */
  ranked: Ranked[];
  /** The later-turn label when it is the most likely reading, or null. */
  turn: 'aanvulling' | 'bevestiging' | null;
  /** Probability that the message needs a referral (distress, unwanted behaviour, a misstand, a confidant). */
  referralMass: number;
}

export const REFERRAL_INTENTS: ReadonlySet<Intent> = new Set([
  'steun',
  'ongewenst_gedrag',
  'misstand_melden',
  'vertrouwenspersoon',
]);
const TURNS: ReadonlySet<string> = new Set(['aanvulling', 'bevestiging']);
/** Below this no topic is in a message that only adds facts. */
const BARE_FACTS_TOPIC_P = 0.04;

export class IntentClassifier {
  constructor(readonly model: LoadedModel) {}

  get thresholds(): Thresholds {
    return this.model.thresholds;
  }

  probabilities(vector: FeatureVector): Ranked[] {
    const p = probabilities(this.model, vector);
    return this.model.labels.map((label, k) => ({ label: label as Label, p: p[k] ?? 0 })).sort((a, b) => b.p - a.p);
  }

  /** With an open topic a later turn may only add facts; without one, the turn labels do not apply. */
  classify(vector: FeatureVector, openTopic: boolean): Classification {
    const all = this.probabilities(vector);
    const top = all[0];
    const topTurn = top && TURNS.has(top.label) ? (top.label as 'aanvulling' | 'bevestiging') : null;
    // Adding facts needs a topic to add them to; "ok, dank je" can stand alone.
    const turnLabel = openTopic || topTurn === 'bevestiging' ? topTurn : null;
    const turnMass = all.filter((r) => TURNS.has(r.label)).reduce((s, r) => s + r.p, 0);
    const rest = Math.max(1e-9, 1 - turnMass);
    // Without an open topic the topics share all probability; with one, they keep their own.
    const ranked = all
      .filter((r) => !TURNS.has(r.label))
      .map((r) => ({ label: r.label, p: openTopic ? r.p : r.p / rest }));
    const rawBest = all.find((r) => !TURNS.has(r.label))?.p ?? 0;
    // "70 euro" or "van een aannemer" as a first message: facts without a topic to add them to.
    if (!openTopic && topTurn === 'aanvulling' && rawBest < BARE_FACTS_TOPIC_P) {
      return { intent: 'onbekend', confidence: top?.p ?? 0, margin: top?.p ?? 0, ranked, turn: null, referralMass: 0 };
    }
    const best = ranked[0] ?? { label: 'onbekend', p: 0 };
    const second = ranked[1]?.p ?? 0;
    const referralMass = ranked.filter((r) => REFERRAL_INTENTS.has(r.label as Intent)).reduce((s, r) => s + r.p, 0);
    return {
      intent: best.label as Intent,
      confidence: best.p,
      margin: best.p - second,
      ranked,
      turn: turnLabel,
      referralMass,
    };
  }
}
