import { distance } from 'fastest-levenshtein';
import type { LexiconDefinition } from '../rulebase/schema.js';
import { stem, wordForms } from '../text/stem.js';
import type { SpellingCorrector } from './spelling.js';

/**
 * Finds the concepts of the rule base's word lists in a message. Everything a
 * word can match is worked out once per distinct word and cached, so a
 * question costs a few map look-ups once the bot has seen its words before.
 */

const GAP = '...';
const MAX_GAP = 4;
const MIN_TAIL = 4;
const MIN_HEAD = 3;
const CACHE_LIMIT = 50_000;

interface Phrase {
  concept: string;
  /** Each position holds the keys a word may have there, or null for a gap. */
  parts: (Set<string> | null)[];
}

interface WordInfo {
  forms: string[];
  concepts: readonly string[];
  /** The phrases that may start at this word, found once with the word rather than at every message. */
  phrases: PhraseStarts;
}

/** Phrases starting at a word: by the word that must follow, and those that allow a gap first. */
interface PhraseStarts {
  byNext: ReadonlyMap<string, readonly Phrase[]>;
  withGap: readonly Phrase[];
}

const NO_PHRASES: PhraseStarts = { byNext: new Map(), withGap: [] };

/** True when one of the word's forms is among the keys a phrase allows at that place. */
function fits(info: WordInfo | undefined, keys: Set<string>): boolean {
  if (!info) return false;
  for (const form of info.forms) if (keys.has(form)) return true;
  return false;
}

function push(index: Map<string, string[]>, key: string, concept: string): void {
  const list = index.get(key);
  if (!list) index.set(key, [concept]);
  else if (!list.includes(concept)) list.push(concept);
}

function keysOf(word: string): Set<string> {
  return new Set([word, stem(word)]);
}

export class Lexicon {
  private readonly words = new Map<string, string[]>();
  private readonly exact = new Map<string, string[]>();
  private readonly tails = new Map<string, string[]>();
  private readonly roots: [string, string][] = [];
  private readonly fuzzyRoots: [string, string][] = [];
  private readonly endings: [string, string][] = [];
  private readonly fuzzyByLength = new Map<number, { word: string; concepts: string[] }[]>();
  private readonly phrasesByFirst = new Map<string, Phrase[]>();
  private readonly excluded = new Map<string, Set<string>>();
  private readonly neverCorrect: Set<string>;
  private readonly minFuzzyLength: number;
  private readonly longFrom: number;
  private readonly cache = new Map<string, WordInfo>();
  private readonly strict = new Set<string>();
  private spelling: SpellingCorrector | null = null;
  readonly conceptNames: readonly string[];

  constructor(definition: LexiconDefinition) {
    this.neverCorrect = new Set(definition.tikfouten.nooitVerbeteren);
    this.minFuzzyLength = definition.tikfouten.minLengte;
    this.longFrom = definition.tikfouten.langVanaf;
    this.conceptNames = Object.keys(definition.begrippen);
    const fuzzy = new Map<string, string[]>();
    for (const [concept, entry] of Object.entries(definition.begrippen)) {
      // Strict concepts (safety signals, facts that decide a verdict) must not be found by accident:
      // "stopte" is no typo of "stompte", and "trouwens" does not end in Vienna.
      const loose = !entry.strikt;
      if (!loose) this.strict.add(concept);
      for (const word of entry.woorden) {
        for (const key of keysOf(word)) push(this.words, key, concept);
        if (loose && word.length >= MIN_TAIL) for (const key of keysOf(word)) push(this.tails, key, concept);
        if (loose && word.length >= this.minFuzzyLength) push(fuzzy, word, concept);
      }
      for (const word of entry.exact) push(this.exact, word, concept);
      for (const root of entry.stammen) {
        this.roots.push([root, concept]);
        if (loose) this.fuzzyRoots.push([root, concept]);
      }
      for (const ending of entry.uitgangen) this.endings.push([ending, concept]);
      for (const phrase of entry.zinnen) this.addPhrase(concept, phrase);
      for (const word of entry.behalve) {
        const set = this.excluded.get(word) ?? new Set<string>();
        set.add(concept);
        this.excluded.set(word, set);
      }
    }
    for (const [word, concepts] of fuzzy) {
      const list = this.fuzzyByLength.get(word.length) ?? [];
      list.push({ word, concepts });
      this.fuzzyByLength.set(word.length, list);
    }
  }

  private addPhrase(concept: string, phrase: string): void {
    const words = phrase.split(/\s+/).filter(Boolean);
    if (words.length === 1) {
      for (const key of keysOf(words[0] ?? '')) push(this.words, key, concept);
      return;
    }
    const parts = words.map((w) => (w === GAP ? null : keysOf(w)));
    const first = parts[0];
    if (!first) return;
    for (const key of first) {
      const list = this.phrasesByFirst.get(key) ?? [];
      list.push({ concept, parts });
      this.phrasesByFirst.set(key, list);
    }
  }

  /** Concepts present in a message's words (folded, split). */
  concepts(tokens: readonly string[]): Set<string> {
    const found = new Set<string>();
    const infos = tokens.map((t) => this.word(t));
    for (const info of infos) for (const c of info.concepts) found.add(c);
    for (let i = 0; i < infos.length; i++) {
      const starts = infos[i]?.phrases ?? NO_PHRASES;
      for (const phrase of starts.withGap) {
        if (!found.has(phrase.concept) && this.phraseAt(infos, i, phrase)) found.add(phrase.concept);
      }
      // Only the phrases whose second word is the next word here are worth trying.
      if (starts.byNext.size === 0) continue;
      for (const form of infos[i + 1]?.forms ?? []) {
        for (const phrase of starts.byNext.get(form) ?? []) {
          if (!found.has(phrase.concept) && this.phraseAt(infos, i, phrase)) found.add(phrase.concept);
        }
      }
    }
    return found;
  }

  private phraseAt(infos: WordInfo[], start: number, phrase: Phrase): boolean {
    let at = start;
    for (let p = 0; p < phrase.parts.length; p++) {
      const part = phrase.parts[p];
      if (part === undefined) return false;
      if (part === null) {
        const next = phrase.parts[p + 1];
        if (!next) return true;
        let hit = -1;
        for (let j = at; j < Math.min(infos.length, at + MAX_GAP + 1); j++) {
          if (fits(infos[j], next)) {
            hit = j;
            break;
          }
        }
        if (hit < 0) return false;
        at = hit + 1;
        p++;
        continue;
      }
      if (!fits(infos[at], part)) return false;
      at++;
    }
    return true;
  }

  /** Everything one word can match, computed once. */
  word(token: string): WordInfo {
    const cached = this.cache.get(token);
    if (cached) return cached;
    // Numbers are amounts, dates and house numbers, never a concept: no stemming or corrections for them.
    if (/^\d+$/.test(token)) return { forms: [token], concepts: this.exact.get(token) ?? [], phrases: this.phrasesFrom([token]) };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const forms = wordForms(token);
    const concepts = new Set<string>(this.exact.get(token) ?? []);
    // The word as written and its stem come first; the looser variants (a stripped "ge-", "-t", "-je" or "-s")
    // only when those find nothing, so "kaart" stays a card and never becomes "kar" (a cart).
    const direct = new Set([token, stem(token)]);
    for (const form of direct) for (const c of this.words.get(form) ?? []) concepts.add(c);
    if (concepts.size === 0) {
      for (const form of forms) if (!direct.has(form)) for (const c of this.words.get(form) ?? []) concepts.add(c);
    }
    for (const [root, c] of this.roots) if (token.includes(root)) concepts.add(c);
    for (const [ending, c] of this.endings)
      if (token.length > ending.length && token.endsWith(ending)) concepts.add(c);
    if (concepts.size === 0) this.compoundTail(token, concepts);
    if (concepts.size === 0 && this.mayCorrect(token)) {
      if (this.spelling) this.corrected(token, this.spelling, concepts);
      else this.typo(token, concepts);
    }
    for (const c of this.excluded.get(token) ?? []) concepts.delete(c);
    const info: WordInfo = { forms, concepts: [...concepts], phrases: this.phrasesFrom(forms) };
    this.cache.set(token, info);
    return info;
  }

  /** Every phrase whose first word is one of these forms, each once. */
  private phrasesFrom(forms: readonly string[]): PhraseStarts {
    const phrases = new Set<Phrase>();
    for (const form of forms) for (const phrase of this.phrasesByFirst.get(form) ?? []) phrases.add(phrase);
    if (phrases.size === 0) return NO_PHRASES;
    const byNext = new Map<string, Phrase[]>();
    const withGap: Phrase[] = [];
    for (const phrase of phrases) {
      const second = phrase.parts[1];
      if (!second) {
        withGap.push(phrase);
        continue;
      }
      for (const key of second) {
        const list = byNext.get(key) ?? [];
        if (!list.includes(phrase)) list.push(phrase);
        byNext.set(key, list);
      }
    }
    return { byNext, withGap };
  }

  /**
   * Typos go through the model's spelling corrector (words hunspell accepts), which finds the word
   * meant in microseconds where comparing against every lexicon word took up to a millisecond.
   */
  useSpelling(spelling: SpellingCorrector): void {
    this.spelling = spelling;
    this.cache.clear();
  }

  private corrected(token: string, spelling: SpellingCorrector, into: Set<string>): void {
    const fixed = spelling.correct(token);
    if (!fixed || fixed === token) return;
    for (const c of this.word(fixed).concepts) if (!this.strict.has(c)) into.add(c);
  }

  /** Dutch glues words together: "nieuwjaarsreceptie" is a receptie, "werklaptop" a laptop. */
  private compoundTail(token: string, into: Set<string>): void {
    // Snowball only changes a word's end, so the stem of a tail is the tail of the stem: one call, not one per split.
    const stemmed = stem(token);
    for (let i = MIN_HEAD; i <= token.length - MIN_TAIL; i++) {
      const tail = token.slice(i);
      const hit = this.tails.get(tail) ?? (i < stemmed.length ? this.tails.get(stemmed.slice(i)) : undefined);
      if (hit) {
        for (const c of hit) into.add(c);
        return;
      }
    }
  }

  private mayCorrect(token: string): boolean {
    return token.length >= this.minFuzzyLength && !this.neverCorrect.has(token) && !/\d/.test(token);
  }

  /** One slipped letter ("cadaeu", "vertrouwenspersoom") still finds the word meant. */
  private typo(token: string, into: Set<string>): void {
    const max = token.length >= this.longFrom ? 2 : 1;
    let best = max + 1;
    let bestConcepts: string[] = [];
    for (let len = token.length - max; len <= token.length + max; len++) {
      for (const { word, concepts } of this.fuzzyByLength.get(len) ?? []) {
        if (word[0] !== token[0] && word[1] !== token[1]) continue;
        const d = distance(word, token);
        if (d < best) {
          best = d;
          bestConcepts = concepts;
        }
      }
    }
    if (best <= max) {
      for (const c of bestConcepts) into.add(c);
      return;
    }
    for (const [root, c] of this.fuzzyRoots) {
      if (root.length < 7) continue;
      const head = token.slice(0, root.length);
      if (distance(head, root) <= 1 || distance(token.slice(0, root.length + 1), root) <= 1) into.add(c);
    }
  }
}
