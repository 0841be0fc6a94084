import { stem } from '../text/stem.js';
import type { Frames } from './frames.js';
import type { SpellingCorrector } from './spelling.js';

/**
 * What the classifier sees of a message. Each kind of feature generalises in
 * its own way: character n-grams survive typos and unseen compounds
 * ("nieuwjaarsborrel"), stems and bigrams carry the words and their order, the
 * lexicon's concepts carry what the organisation wrote down, and the frames
 * carry who acts, denial and the question form. Changing anything here changes
 * what a trained model means: raise FEATURE_VERSION so a stale model is caught.
 */
export const FEATURE_VERSION = 11;

export interface FeatureInput {
  tokens: readonly string[];
  /** The lexicon's concepts per token, in token order. */
  tokenConcepts: readonly (readonly string[])[];
  /** All concepts of the message, phrases included. */
  concepts: ReadonlySet<string>;
  frames: Frames;
  hasAmount: boolean;
  endsWithQuestionMark: boolean;
}

/**
 * A sparse vector: names with their values, each group scaled so that long
 * messages do not drown short ones. The character n-grams stay packed as the
 * words they come from: a word's n-grams always score the same, so the scorer
 * adds up one cached sum per word instead of hundreds of look-ups
 * (see expandCharGrams for the same vector written out, as training sees it).
 */
export interface FeatureVector {
  names: string[];
  values: number[];
  /** Words whose character n-grams count, each occurrence once. */
  words: string[];
}

/** "<fles>" → "c:<fl", "c:fle", …: a word's character n-grams with word boundaries. */
export function charGrams(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
    for (let at = 0; at + n <= padded.length; at++) grams.push(`c:${padded.slice(at, at + n)}`);
  }
  return grams;
}

/** The weight every n-gram of a message gets: the group weight over the root of how many there are. */
export function charGramScale(words: readonly string[]): number {
  let count = 0;
  for (const w of words) {
    const padded = w.length + 2;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) count += Math.max(0, padded - n + 1);
  }
  return count === 0 ? 0 : GROUP_WEIGHT.c / Math.sqrt(count);
}

/** The packed n-grams written out as names and values. */
export function expandCharGrams(vector: FeatureVector): FeatureVector {
  const scale = charGramScale(vector.words);
  const counts = new Map<string, number>();
  for (const w of vector.words) for (const g of charGrams(w)) counts.set(g, (counts.get(g) ?? 0) + 1);
  return {
    names: [...vector.names, ...counts.keys()],
    values: [...vector.values, ...[...counts.values()].map((c) => c * scale)],
    words: [],
  };
}

const GROUP_WEIGHT = { c: 1, w: 1, b: 0.8, k: 1, f: 1 } as const;
/** The character n-grams are packed per word (see FeatureVector); the other groups are names. */
type NamedGroup = Exclude<Group, 'c'>;
type Group = keyof typeof GROUP_WEIGHT;

const CHAR_MIN = 3;
const CHAR_MAX = 5;

function lengthBucket(n: number): string {
  if (n <= 2) return '1-2';
  if (n <= 5) return '3-5';
  if (n <= 12) return '6-12';
  if (n <= 25) return '13-25';
  return '26+';
}

export function featuresOf(input: FeatureInput, spelling?: SpellingCorrector): FeatureVector {
  const groups: Record<NamedGroup, Set<string>> = { w: new Set(), b: new Set(), k: new Set(), f: new Set() };
  const { tokens, frames } = input;
  const stems: string[] = [];
  const charWords: string[] = [];
  tokens.forEach((token, i) => {
    const negated = frames.negated.has(i);
    const corrected = spelling?.correct(token) ?? null;
    const word = corrected ?? token;
    const s = /\d/.test(word) ? '#' : stem(word);
    stems.push(s);
    groups.w.add(negated ? `w:!${s}` : `w:${s}`);
    if (corrected) groups.w.add(`w:~${stem(corrected)}`);
    if (!/\d/.test(word)) charWords.push(word);
    for (const concept of input.tokenConcepts[i] ?? []) if (negated) groups.k.add(`k:!${concept}`);
  });
  for (let i = 0; i + 1 < stems.length; i++) groups.b.add(`b:${stems[i] ?? ''}_${stems[i + 1] ?? ''}`);
  if (stems.length > 0) {
    groups.b.add(`b:^_${stems[0] ?? ''}`);
    groups.b.add(`b:${stems.at(-1) ?? ''}_$`);
  }
  const negatedConcepts = new Set<string>();
  input.tokenConcepts.forEach((concepts, i) => {
    if (frames.negated.has(i)) for (const c of concepts) negatedConcepts.add(c);
  });
  for (const concept of input.concepts) {
    const alsoAffirmed = input.tokenConcepts.some((cs, i) => !frames.negated.has(i) && cs.includes(concept));
    const onlyDenied = negatedConcepts.has(concept) && !alsoAffirmed;
    if (!onlyDenied) groups.k.add(`k:${concept}`);
  }
  const f = groups.f;
  f.add(`f:len${lengthBucket(tokens.length)}`);
  if (frames.otherActsFirst) f.add('f:ander_eerst');
  if (frames.doneToMe) f.add('f:ander_doet_mij');
  if (frames.firstPerson) f.add('f:ik');
  else f.add('f:geen_ik');
  if (frames.asksWhether) f.add('f:vraagt_of');
  if (frames.wantsToDo) f.add('f:wil_doen');
  if (frames.hypothetical) f.add('f:stel');
  if (frames.fragment) f.add('f:fragment');
  if (frames.negated.size > 0) f.add('f:ontkenning');
  if (input.hasAmount) f.add('f:bedrag');
  if (input.endsWithQuestionMark) f.add('f:vraagteken');
  if (frames.otherActsFirst && !frames.firstPerson) f.add('f:alleen_ander');
  if (frames.asksForOther) f.add('f:voor_ander');
  if (frames.colleagueReceives) f.add('f:collega_krijgt');
  const names: string[] = [];
  const values: number[] = [];
  for (const group of Object.keys(groups) as NamedGroup[]) {
    const set = groups[group];
    if (set.size === 0) continue;
    const value = GROUP_WEIGHT[group] / Math.sqrt(set.size);
    for (const name of set) {
      names.push(name);
      values.push(value);
    }
  }
  names.push('bias');
  values.push(1);
  return { names, values, words: charWords };
}
