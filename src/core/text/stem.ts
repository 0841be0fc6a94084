import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');

/** Snowball is about 15 µs a word; people and the lexicon repeat words all the time. */
const STEM_CACHE_LIMIT = 100_000;
const stems = new Map<string, string>();

/** Snowball's Dutch stemmer: "flessen" → "fless", "geschenken" → "geschenk". */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = dutch.stem(word);
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

/**
 * The forms a chat word may stand for: the word and its stem first, then looser
 * variants. Snowball misses Dutch participles,
 * third-person verbs and diminutives, which people use all the time
 * ("gepest", "nodigt", "pakketjes"), so those are undone first.
 */
export function wordForms(word: string): string[] {
  const forms = new Set([word, stem(word)]);
  if (word.length > 5 && word.startsWith('ge') && /(d|t|en)$/.test(word)) forms.add(stem(word.slice(2)));
  if (word.length > 4 && word.endsWith('t')) forms.add(stem(word.slice(0, -1)));
  const diminutive = /^(.{3,}?)(tjes|tje|jes|je|pjes|pje)$/.exec(word);
  if (diminutive?.[1]) forms.add(stem(diminutive[1]));
  if (word.length > 4 && word.endsWith('s')) forms.add(stem(word.slice(0, -1)));
  return [...forms];
}
