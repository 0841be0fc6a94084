/**
 * Corrects a mistyped word to a known one: "leverencier" → "leverancier",
 * "nevenfuntie" → "nevenfunctie". The known words are those of the corpus that
 * the Dutch hunspell dictionary accepts (checked when the model is trained,
 * see src/cli/train.ts) plus the lexicon's own words. Hunspell itself is too
 * slow for every message (about 0.6 s to load and 20 ms per suggestion), so at
 * run time a symmetric-delete index finds the known word within one edit
 * (two for long words) in a few microseconds.
 */
const MIN_LENGTH = 5;
/** From this length two edits count as a slip too; shorter words get one. */
const LONG = 11;
const CACHE_LIMIT = 20_000;

function deletes(word: string, depth: number, into: Set<string>): void {
  if (depth === 0 || word.length <= 3) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletes(shorter, depth - 1, into);
    }
  }
}

export class SpellingCorrector {
  /** Known word → its rank (lower is more frequent). */
  private readonly rank = new Map<string, number>();
  private index: Map<string, string[]> | null = null;
  private readonly cache = new Map<string, string | null>();

  /** Words ordered from most to least frequent. */
  constructor(words: readonly string[]) {
    words.forEach((w, i) => {
      if (!this.rank.has(w)) this.rank.set(w, i);
    });
  }

  knows(word: string): boolean {
    return this.rank.has(word);
  }

  get size(): number {
    return this.rank.size;
  }

  /** Built on the first unknown word, so a cold start that never needs it pays nothing. */
  private built(): Map<string, string[]> {
    if (this.index) return this.index;
    const index = new Map<string, string[]>();
    const add = (key: string, word: string) => {
      const list = index.get(key);
      if (!list) index.set(key, [word]);
      else list.push(word);
    };
    for (const word of this.rank.keys()) {
      if (word.length < MIN_LENGTH - 1) continue;
      add(word, word);
      const variants = new Set<string>();
      deletes(word, 1, variants);
      for (const v of variants) add(v, word);
    }
    this.index = index;
    return index;
  }

  /** The known word meant, or null when the word is known, too short, or nothing is close. */
  correct(word: string): string | null {
    if (word.length < MIN_LENGTH || this.rank.has(word) || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const index = this.built();
    // One delete on each side finds every word within one edit (a swap included); long words
    // may take a second delete on the input side, which finds two slips in the same place.
    const maxEdits = word.length >= LONG ? 2 : 1;
    const candidates = new Set<string>(index.get(word) ?? []);
    const variants = new Set<string>();
    deletes(word, maxEdits, variants);
    for (const v of variants) for (const w of index.get(v) ?? []) candidates.add(w);
    let best: string | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const edits = editDistance(word, candidate, maxEdits);
      if (edits > maxEdits) continue;
      // Fewer edits first, then the more frequent word.
      const score = edits * 1e6 + (this.rank.get(candidate) ?? 0);
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}

/** Damerau-Levenshtein (adjacent swaps count once), stopping early past the limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const at = (r: number, c: number) => d[r * cols + c] ?? 0;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[rows * cols - 1] ?? limit + 1;
}
