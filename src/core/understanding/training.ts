import type { Intent } from '../rulebase/schema.js';
import { REFERRAL_INTENTS } from './classifier.js';
import { referralInDoubt } from './understand.js';
import { type CorpusExample, LABELS, type Label } from './corpus.js';
import { expandCharGrams, type FeatureVector } from './features.js';
import type { Thresholds } from './model.js';
import { DEFAULT_TRAINING, type Example, type LinearModel, probabilities, seededRandom, shuffled, train, type TrainOptions } from './softmax.js';

/**
 * Training with honest numbers: k-fold cross-validation gives every example a
 * prediction from a model that never saw it, and those held-out predictions
 * both score the classifier and calibrate when it should ask instead of guess.
 */
export interface HeldOut {
  label: Label;
  /** Probability per label, in LABELS order. */
  p: Float64Array;
}

export interface Evaluation {
  folds: number;
  examples: number;
  accuracy: number;
  /** Accuracy per true label. */
  perLabel: Record<string, { right: number; total: number }>;
  /** confusion[true][predicted] = count, only non-zero cells. */
  confusion: Record<string, Record<string, number>>;
  /** Referral messages (steun, ongewenst gedrag, misstand, vertrouwenspersoon) the layer would not refer. */
  missedReferrals: number;
  referrals: number;
}

export interface TrainingResult {
  model: LinearModel;
  thresholds: Thresholds;
  evaluation: Evaluation;
}

const CLARIFIABLE = new Set(['geschenk', 'uitnodiging', 'nevenwerkzaamheden', 'privegebruik', 'informatie', 'belangenverstrengeling']);
const TURNS = new Set(['aanvulling', 'bevestiging']);
/** A missed referral can hurt someone; a needless one costs a minute. */
const MISSED_REFERRAL_COST = 10;
const ASKING_COST = 0.25;

/** Folds keep each label's share, so a small label is in every fold. */
function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[] {
  const fold = new Array<number>(labels.length).fill(0);
  const byLabel = new Map<number, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const random = seededRandom(seed);
  for (const indices of byLabel.values()) shuffled(indices, random).forEach((i, n) => (fold[i] = n % k));
  return fold;
}

function argmax(p: Float64Array, skip?: (k: number) => boolean): number {
  let best = -1;
  for (let k = 0; k < p.length; k++) if (!skip?.(k) && (best < 0 || (p[k] ?? 0) > (p[best] ?? 0))) best = k;
  return best;
}

export function crossValidate(
  examples: readonly Example[],
  labels: readonly string[],
  k: number,
  options: TrainOptions,
): HeldOut[] {
  const folds = stratifiedFolds(examples.map((e) => e.label), k, options.seed);
  const out: HeldOut[] = new Array<HeldOut>(examples.length);
  for (let f = 0; f < k; f++) {
    const model = train(examples.filter((_, i) => folds[i] !== f), labels, options);
    examples.forEach((e, i) => {
      if (folds[i] === f) out[i] = { label: labels[e.label] as Label, p: probabilities(model, e.vector) };
    });
  }
  return out;
}

/** Probabilities over the contract's intents only, as for a first message. */
function topicsOnly(p: Float64Array): Float64Array {
  const q = Float64Array.from(p);
  let rest = 0;
  LABELS.forEach((l, k) => {
    if (TURNS.has(l)) q[k] = 0;
    else rest += q[k] ?? 0;
  });
  for (let k = 0; k < q.length; k++) q[k] = (q[k] ?? 0) / Math.max(rest, 1e-9);
  return q;
}

function ranked(q: Float64Array): { label: string; p: number }[] {
  return LABELS.map((label, k) => ({ label: label, p: q[k] ?? 0 })).sort((a, b) => b.p - a.p);
}

/** Whether the safety layer refers, as at run time (without the concept signals). */
function refersAt(q: Float64Array, margin: number): boolean {
  const top = LABELS[argmax(q)] as string;
  return REFERRAL_INTENTS.has(top as Intent) || referralInDoubt(ranked(q), margin) !== null;
}

/**
 * Asymmetric on purpose: a missed referral costs ten times a needless one.
 * For topics: a right verdict gains 1, a wrong one costs 2, a question back costs a little (a click, and patience).
 */
export function calibrate(heldOut: readonly HeldOut[]): Thresholds {
  let bestReferral = { threshold: 0.1, cost: Number.POSITIVE_INFINITY };
  for (let t = 0; t <= 0.5001; t += 0.025) {
    let cost = 0;
    for (const h of heldOut) {
      if (TURNS.has(h.label)) continue;
      const refers = refersAt(topicsOnly(h.p), t);
      const needs = REFERRAL_INTENTS.has(h.label as Intent);
      if (needs && !refers) cost += MISSED_REFERRAL_COST;
      if (!needs && refers) cost += 1;
    }
    if (cost < bestReferral.cost) bestReferral = { threshold: Math.round(t * 1000) / 1000, cost };
  }
  let best = { zeker: 0, marge: 0, utility: Number.NEGATIVE_INFINITY };
  for (let zeker = 0; zeker <= 0.7001; zeker += 0.05) {
    for (let marge = 0; marge <= 0.4001; marge += 0.05) {
      let utility = 0;
      for (const h of heldOut) {
        if (TURNS.has(h.label)) continue;
        const q = topicsOnly(h.p);
        const top = argmax(q);
        const label = LABELS[top] as string;
        if (!CLARIFIABLE.has(label) || refersAt(q, bestReferral.threshold)) continue;
        const second = argmax(q, (k) => k === top);
        const asks = (q[top] ?? 0) < zeker || (q[top] ?? 0) - (q[second] ?? 0) < marge;
        utility += asks ? -ASKING_COST : label === h.label ? 1 : -2;
      }
      if (utility > best.utility + 1e-9) best = { zeker: round(zeker), marge: round(marge), utility };
    }
  }
  return {
    uitleg: 'Gekalibreerd op de voorspellingen van de k-fold-kruisvalidatie, niet op de evaluatiesets. zeker en marge: daaronder stelt de bot één vraag in plaats van een oordeel te gokken. doorverwijzen: ligt een doorverwijzing zo dicht bij het beste onderwerp, dan verwijst de bot door (bij twijfel altijd).',
    zeker: best.zeker,
    marge: best.marge,
    doorverwijzen: bestReferral.threshold,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function evaluate(heldOut: readonly HeldOut[], thresholds: Thresholds, folds: number): Evaluation {
  const perLabel: Evaluation['perLabel'] = {};
  const confusion: Evaluation['confusion'] = {};
  let right = 0;
  let referrals = 0;
  let missedReferrals = 0;
  for (const h of heldOut) {
    const predicted = LABELS[argmax(h.p)] as string;
    const slot = (perLabel[h.label] ??= { right: 0, total: 0 });
    slot.total++;
    if (predicted === h.label) {
      right++;
      slot.right++;
    }
    const row = (confusion[h.label] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (REFERRAL_INTENTS.has(h.label as Intent)) {
      referrals++;
      if (!refersAt(topicsOnly(h.p), thresholds.doorverwijzen)) missedReferrals++;
    }
  }
  const accuracy = right / heldOut.length;
  return { folds, examples: heldOut.length, accuracy, perLabel, confusion, missedReferrals, referrals };
}

export function trainWithEvaluation(
  corpus: readonly CorpusExample[],
  vectorOf: (example: CorpusExample) => FeatureVector,
  options: TrainOptions = DEFAULT_TRAINING,
  folds = 5,
): TrainingResult {
  const labels = [...LABELS];
  // Training sees every n-gram by name; answering adds them up per word (the same sum, cached).
  const examples: Example[] = corpus.map((e) => ({
    vector: expandCharGrams(vectorOf(e)),
    label: labels.indexOf(e.intentie),
  }));
  const heldOut = crossValidate(examples, labels, folds, options);
  const thresholds = calibrate(heldOut);
  const evaluation = evaluate(heldOut, thresholds, folds);
  return { model: train(examples, labels, options), thresholds, evaluation };
}
