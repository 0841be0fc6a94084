import { distance } from 'fastest-levenshtein';

/**
 * Dutch number words as people type them in chat: "vijftig", "vijfenzeventig",
 * "tweehonderdvijftig", "honderd vijftig", "een tientje". Input is folded text
 * (no accents), so "drieëntwintig" arrives as "drieentwintig".
 */

const BELOW_TWENTY = new Map<string, number>([
  ['nul', 0],
  ['een', 1],
  ['twee', 2],
  ['drie', 3],
  ['vier', 4],
  ['vijf', 5],
  ['zes', 6],
  ['zeven', 7],
  ['acht', 8],
  ['negen', 9],
  ['tien', 10],
  ['elf', 11],
  ['twaalf', 12],
  ['dertien', 13],
  ['veertien', 14],
  ['vijftien', 15],
  ['zestien', 16],
  ['zeventien', 17],
  ['achttien', 18],
  ['negentien', 19],
]);

const TENS = new Map<string, number>([
  ['twintig', 20],
  ['dertig', 30],
  ['veertig', 40],
  ['vijftig', 50],
  ['zestig', 60],
  ['zeventig', 70],
  ['tachtig', 80],
  ['negentig', 90],
]);

/** Coins and notes people name instead of a number ("een tientje", "twee tientjes"). */
const NOTE_WORDS = new Map<string, number>([
  ['vijfje', 5],
  ['vijfjes', 5],
  ['tientje', 10],
  ['tientjes', 10],
  ['twintigje', 20],
  ['twintigjes', 20],
  ['honderdje', 100],
  ['honderdjes', 100],
]);

const TYPO_TARGETS = [...TENS.keys(), 'honderd', 'duizend'];

function belowHundred(word: string): number | null {
  // Maps, not objects: "constructor" is no number, whatever Object.prototype says.
  const direct = BELOW_TWENTY.get(word) ?? TENS.get(word);
  if (direct !== undefined) return direct;
  const compound
    = /^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)e?en(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)$/.exec(
      word,
    );
  if (!compound) return null;
  return (BELOW_TWENTY.get(compound[1] ?? '') ?? 0) + (TENS.get(compound[2] ?? '') ?? 0);
}

function scaled(
  word: string,
  scaleWord: string,
  scale: number,
  below: (w: string) => number | null,
): number | null {
  const at = word.indexOf(scaleWord);
  if (at < 0) return below(word);
  const head = word.slice(0, at);
  const tail = word.slice(at + scaleWord.length).replace(/^en(?=.)/, '');
  const multiplier = head === '' ? 1 : below(head);
  const rest = tail === '' ? 0 : below(tail);
  if (multiplier === null || rest === null || multiplier === 0) return null;
  return multiplier * scale + rest;
}

function belowThousand(word: string): number | null {
  return scaled(word, 'honderd', 100, belowHundred);
}

/** Parses one written-out number word; null when it is not one. */
export function parseNumberWord(word: string): number | null {
  if (word.length < 3) return null;
  const direct = scaled(word, 'duizend', 1000, belowThousand);
  if (direct !== null) return direct;
  if (word.length >= 6) {
    // People type "vijtig" or "zestug"; one slip in a long number word is still that number.
    for (const target of TYPO_TARGETS) {
      if (Math.abs(target.length - word.length) <= 1 && distance(target, word) === 1) {
        return belowThousand(target) ?? scaled(target, 'duizend', 1000, belowThousand);
      }
    }
  }
  return null;
}

/** "tientje" → 10; the count before it ("twee tientjes") is applied by the caller. */
export function noteWordValue(word: string): number | null {
  return NOTE_WORDS.get(word) ?? null;
}

/**
 * Reads a run of number words that belong together ("honderd vijftig", "twee honderd")
 * starting at `start`; returns the value and how many words it used.
 */
export function readNumberWords(
  tokens: readonly string[],
  start: number,
): { value: number; used: number } | null {
  const first = tokens[start];
  if (first === undefined) return null;
  const value = parseNumberWord(first);
  if (value === null) return null;
  let total = value;
  let used = 1;
  for (let i = start + 1; i < tokens.length && used < 4; i++) {
    const next = tokens[i] ?? '';
    if (next === 'honderd' || next === 'duizend') {
      total *= next === 'honderd' ? 100 : 1000;
      used++;
      continue;
    }
    const part = parseNumberWord(next);
    if (part === null || total < 100 || part >= total || total % 100 !== 0) break;
    total += part;
    used++;
  }
  return { value: total, used };
}
