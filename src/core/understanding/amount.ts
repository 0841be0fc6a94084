import { distance } from 'fastest-levenshtein';
import { noteWordValue, parseNumberWord, readNumberWords } from '../text/dutch-numbers.js';

/**
 * Reads the value of a gift or invitation from a folded message: "€49,95",
 * "80 eu", "t.w.v. 75", "zo'n dertig euro", "een tientje", "2 flessen van €30
 * per stuk", "meer dan 50 euro". Percentages, hours, dates, phone and house
 * numbers are never amounts; a bare number counts only as the reply to the
 * bot's own question about the value.
 */
export interface Amount {
  /** The value to report: the total, or the bound the person named ("meer dan 50" → 50). */
  value: number;
  /** Lowest value the text allows; above the threshold means min > threshold. */
  min: number;
  /** Highest value the text allows (Infinity for "meer dan"). */
  max: number;
  /** Named as the value of something ("een fles van €30", "t.w.v. 30") rather than as a sum of money given. */
  attached: boolean;
}

export interface AmountOptions {
  /** The message answers "Wat is de geschatte waarde?": a bare number is then a value. */
  bareNumberIsValue?: boolean;
}

type Tok = { text: string; num?: number; numWords?: number };

const CURRENCY_WORDS = new Set([
  'euro',
  'euros',
  'eur',
  'eu',
  'piek',
  'pegels',
  'eurotjes',
  'eurootjes',
  'eurie',
  'euries',
]);
/** "euro", and how people mistype or pet it: "eruo", "eurie", "euroos". */
const CURRENCY = {
  has(word: string): boolean {
    if (CURRENCY_WORDS.has(word)) return true;
    if (word.length < 4 || word.length > 6 || !word.startsWith('e')) return false;
    const head = word.slice(0, 4);
    // One wrong letter ("eyro") or two swapped ("eruo") still means euro.
    return distance(head, 'euro') <= 1 || Array.from(head).sort().join('') === 'eoru';
  },
};
/** Short forms that only mean euro right after digits ("80 eu"), never before. */
const CURRENCY_AFTER_ONLY = new Set(['eu', 'piek', 'pegels']);
const VALUE_MARKERS = new Set([
  'twv',
  'waarde',
  'kost',
  'kostte',
  'kosten',
  'prijs',
  'ongeveer',
  'zon',
  'circa',
  'ca',
  'rond',
  'rondom',
  'pakweg',
  'schat',
  'geschat',
  'bedrag',
  'omstreeks',
  'ongeveer',
  'bijna',
  'plusminus',
]);
const NOT_AFTER = new Set([
  'procent',
  'pct',
  'uur',
  'u',
  'uren',
  'minuten',
  'min',
  'seconden',
  'dagen',
  'dag',
  'weken',
  'week',
  'maanden',
  'maand',
  'jaar',
  'jaren',
  'keer',
  'x',
  'personen',
  'mensen',
  'collegas',
  'km',
  'kilometer',
  'kilo',
  'kg',
  'gram',
  'liter',
  'cl',
  'ml',
  'stuks',
  'flessen',
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
  'jan',
  'feb',
  'mrt',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'nov',
  'dec',
  'ste',
  'de',
  'e',
]);
const NOT_BEFORE = new Set([
  'om',
  'nummer',
  'nr',
  'tel',
  'telefoon',
  'huisnummer',
  'kamer',
  'artikel',
  'week',
  'jaar',
  'sinds',
]);
const STREET = /(straat|weg|laan|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park)$/;
const PER_ITEM_BEFORE = new Set(['a', 'elk', 'ieder', 'per']);
const LOWER_BOUND = [
  'meer dan',
  'boven de',
  'boven',
  'ruim',
  'minstens',
  'minimaal',
  'ruim boven',
  'over de',
];
const UPPER_BOUND = [
  'minder dan',
  'onder de',
  'onder',
  'hooguit',
  'maximaal',
  'max',
  'hoogstens',
  'niet meer dan',
  'nog geen',
];
const THRESHOLD_TALK = new Set(['grens', 'drempel', 'limiet', 'norm', 'regel']);
/** Right after the sum, these say it is an estimate of a thing's value ("€7,50 ofzo"), not money handed over. */
const VALUE_MARKERS_AFTER = new Set(['waard', 'ofzo', 'ofzoiets', 'ongeveer', 'volgens', 'denk', 'geschat', 'worth']);
/** English estimates in half-English messages: "maybe 30 euros", "around 70 euros". */
const VALUE_MARKERS_EN = new Set(['maybe', 'around', 'about', 'roughly', 'approximately', 'approx', 'worth']);
/** "de pen was 25 en het boek 15, dus 40": the sum after these is the total the person worked out. */
const TOTAL_MARKERS = new Set(['dus', 'totaal', 'samen', 'opgeteld', 'bijelkaar', 'alles']);
/** "2x €12,50", "6 x 11 euro", "2 keer 80": a count of items, then the price of one. */
const TIMES = new Set(['x', 'keer', 'maal']);

/** Dates, times and phone numbers are blanked before numbers are read. */
const NOISE: RegExp[] = [
  /\b\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?\b/g,
  /\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/g,
  /\b\d{1,2}[:.]\d{2}\s*(?:uur|u)\b/g,
  /\b\d{1,2}:\d{2}\b/g,
  /(?:\+|00)31[\d\s-]{8,}/g,
  /\b0\d{1,3}[-\s]?\d{6,8}\b/g,
  // Long digit runs are phone numbers, unless money is named right next to them.
  /(?<!€\s?)\b\d{7,}\b(?!\s*(?:euro|eur|€|,-))/g,
];

function parseDigits(raw: string): number | null {
  let s = raw.replace(/,-+$/, '').replace(/[.,]$/, '');
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

function tokenize(folded: string): Tok[] {
  let text = folded.replace(/\bt\.?\s?w\.?\s?v\.?/g, ' twv ').replace(/\bter waarde van\b/g, ' twv ');
  for (const noise of NOISE) text = text.replace(noise, ' _ ');
  const raw = text.match(/€|-(?=\s?\d)|\d+(?:[.,]\d+)*(?:,-+)?|%|[a-z]+|[+:/]/g) ?? [];
  const toks: Tok[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i] ?? '';
    if (/^\d/.test(t)) {
      const num = parseDigits(t);
      toks.push(num === null ? { text: t } : { text: t, num });
      continue;
    }
    const note = noteWordValue(t);
    if (note !== null) {
      const prev = toks.at(-1);
      const count = prev?.num !== undefined && prev.numWords ? prev.num : 1;
      if (prev?.numWords) toks.pop();
      toks.push({ text: t, num: note * count, numWords: 1 });
      continue;
    }
    const words = readNumberWords(raw, i);
    // "een" is an article unless money follows it ("een euro").
    if (words && !(t === 'een' && !CURRENCY.has(raw[i + 1] ?? ''))) {
      toks.push({ text: raw.slice(i, i + words.used).join(' '), num: words.value, numWords: words.used });
      i += words.used - 1;
      continue;
    }
    toks.push({ text: t });
  }
  return toks;
}

function phraseBefore(toks: Tok[], at: number, phrases: string[]): boolean {
  const before2 = `${toks[at - 2]?.text ?? ''} ${toks[at - 1]?.text ?? ''}`;
  const before3 = `${toks[at - 3]?.text ?? ''} ${before2}`;
  return phrases.some((p) => before2.endsWith(` ${p}`) || before2 === p || before3.endsWith(` ${p}`));
}

interface Candidate {
  at: number;
  value: number;
  perItem: boolean;
  bound: 'exact' | 'min' | 'max';
  thresholdTalk: boolean;
  attached: boolean;
  /** Named as the outcome of a sum ("dus 40", "samen 60"). */
  total: boolean;
}

function isExcluded(toks: Tok[], i: number): boolean {
  const next = toks[i + 1]?.text ?? '';
  const prev = toks[i - 1]?.text ?? '';
  if (next === '%' || NOT_AFTER.has(next)) return true;
  if (NOT_BEFORE.has(prev) || STREET.test(prev)) return true;
  const value = toks[i]?.num ?? 0;
  return !toks[i]?.numWords && value >= 1900 && value <= 2100 && Number.isInteger(value);
}

function amountAt(toks: Tok[], i: number, bare: boolean): Candidate | null {
  const tok = toks[i];
  if (tok?.num === undefined) return null;
  const prev = toks[i - 1]?.text ?? '';
  const next = toks[i + 1]?.text ?? '';
  const afterDash = toks[i + 1]?.text === 'euro' || toks[i + 1]?.text === 'eur';
  const currencyBefore = prev === '€' || prev === 'eur' || prev === 'euro';
  const currencyAfter
    = next === '€'
      || (CURRENCY.has(next) && (!CURRENCY_AFTER_ONLY.has(next) || /^\d/.test(tok.text)))
      || afterDash;
  const note = noteWordValue(tok.text.split(' ').at(-1) ?? '') !== null;
  const afterSum = toks[(currencyAfterAt(toks, i) ?? i) + 1]?.text ?? '';
  const marked = [1, 2, 3].some((d) => VALUE_MARKERS.has(toks[i - d]?.text ?? '') || VALUE_MARKERS_EN.has(toks[i - d]?.text ?? ''))
    || VALUE_MARKERS_AFTER.has(next)
    || VALUE_MARKERS_AFTER.has(afterSum);
  const perItemAfter = next === 'per' || next === 'elk' || next === 'pst' || next === 'stuk';
  const times = timesBefore(toks, prev === '€' ? i - 1 : i);
  // "een euro of 15" means about fifteen euros; the "een euro" in it is no amount of its own.
  const roughly = prev === 'of' && CURRENCY.has(toks[i - 2]?.text ?? '');
  // "een briefje van 50" is a banknote: money even without the word euro.
  const banknote = prev === 'van' && /^(bank)?(briefje|biljet)s?$/.test(toks[i - 2]?.text ?? '');
  if (tok.text === 'een' && next !== '' && toks[i + 2]?.text === 'of' && toks[i + 3]?.num !== undefined)
    return null;
  // "30,-" is how Dutch people write whole euros.
  const dashEuros = /,-+$/.test(tok.text);
  // "-20 euro" or "€ -20" is no value anyone gives: not an amount.
  if (prev === '-' || (prev === '€' && toks[i - 2]?.text === '-')) return null;
  const money = currencyBefore || currencyAfter || note || roughly || banknote || dashEuros;
  if (!money && !marked && !(prev === 'van' && perItemAfter) && !bare) return null;
  if (!money && isExcluded(toks, i)) return null;
  if (!money && bare && tok.numWords && tok.text === 'een') return null;
  const afterCurrency = currencyAfter ? i + 2 : i + 1;
  const following = toks[afterCurrency]?.text ?? '';
  // "elk zo'n 30", "per stuk ongeveer 12": a value marker may stand between.
  const perItemNear = [2, 3].some((d) => PER_ITEM_BEFORE.has(toks[i - d]?.text ?? '')) && VALUE_MARKERS.has(prev);
  const perItem
    = PER_ITEM_BEFORE.has(prev)
      || perItemNear
      || (PER_ITEM_BEFORE.has(toks[i - 2]?.text ?? '') && toks[i - 1]?.text === '€')
      || following === 'per'
      || following === 'elk'
      || following === 'stuk'
      || following === 'pst'
      || perItemAfter
      || times;
  const boundAt = prev === '€' ? i - 1 : i;
  const after = `${toks[afterCurrency]?.text ?? ''} ${toks[afterCurrency + 1]?.text ?? ''}`;
  const bound
    = phraseBefore(toks, boundAt, LOWER_BOUND) || /^(of|en) (meer|hoger|duurder)$/.test(after)
      ? 'min'
      : phraseBefore(toks, boundAt, UPPER_BOUND) || /^(of|en) (minder|lager|goedkoper)$/.test(after)
        ? 'max'
        : 'exact';
  const attached
    = marked
      || perItem
      || [prev, toks[boundAt - 1]?.text, toks[boundAt - 2]?.text].some((t) => t === 'van' || t === 'a');
  const near = [toks[i - 3], toks[i - 2], toks[i - 1], toks[afterCurrency], toks[afterCurrency + 1]];
  const thresholdTalk = near.some((t) => THRESHOLD_TALK.has(t?.text ?? ''));
  const total = [1, 2].some((d) => TOTAL_MARKERS.has(toks[(prev === '€' ? i - 1 : i) - d]?.text ?? ''));
  return { at: i, value: tok.num, perItem, bound, thresholdTalk, attached, total };
}

/** Where the currency word after a sum stands ("30 euro"), if there is one. */
function currencyAfterAt(toks: Tok[], i: number): number | null {
  const next = toks[i + 1]?.text ?? '';
  return next === '€' || CURRENCY.has(next) ? i + 1 : null;
}

/** "2x" or "2 keer" right before the price: the price is per item. */
function timesBefore(toks: Tok[], at: number): boolean {
  const count = toks[at - 2];
  return TIMES.has(toks[at - 1]?.text ?? '') && count?.num !== undefined && Number.isInteger(count.num) && count.num >= 2;
}

/** The count of items the price applies to: "2 flessen", "zes flessen", "twee kaartjes". */
function quantityBefore(toks: Tok[], at: number): number | null {
  for (let j = at - 1; j >= Math.max(0, at - 7); j--) {
    const t = toks[j];
    if (t?.num !== undefined && t.num >= 2 && t.num <= 100 && Number.isInteger(t.num)) {
      const next = toks[j + 1]?.text ?? '';
      if (next !== '€' && !CURRENCY.has(next) && /^[a-z]+$/.test(next)) return t.num;
    }
  }
  return null;
}

function toAmount(c: Candidate, toks: Tok[]): Amount {
  const qty = c.perItem ? quantityBefore(toks, c.at) : null;
  const value = Math.round((qty ? qty * c.value : c.value) * 100) / 100;
  const attached = c.attached;
  if (c.bound === 'min') return { value, min: value + 0.01, max: Number.POSITIVE_INFINITY, attached };
  if (c.bound === 'max') return { value, min: 0, max: value, attached };
  return { value, min: value, max: value, attached };
}

/** "45 euro, eh nee 54", "30, sorry ik bedoel 35": the number after a correction replaces the one before. */
const CORRECTION = new Set(['nee', 'sorry', 'bedoel', 'correctie', 'oeps', 'excuus', 'pardon', 'eigenlijk']);
const CORRECTION_REACH = 4;

function corrected(toks: Tok[], chosen: Candidate): Candidate {
  let best = chosen;
  for (let i = chosen.at + 1; i < toks.length; i++) {
    if (!CORRECTION.has(toks[i]?.text ?? '')) continue;
    for (let j = i + 1; j <= Math.min(toks.length - 1, i + CORRECTION_REACH); j++) {
      const t = toks[j];
      if (t?.num === undefined || toks[j - 1]?.text === '-') continue;
      if (isExcluded(toks, j) && !CURRENCY.has(toks[j + 1]?.text ?? '')) break;
      best = { ...best, at: j, value: t.num };
      i = j;
      break;
    }
  }
  return best;
}

export function readAmount(folded: string, options: AmountOptions = {}): Amount | null {
  const toks = tokenize(folded);
  const candidates: Candidate[] = [];
  for (let i = 0; i < toks.length; i++) {
    const c = amountAt(toks, i, options.bareNumberIsValue === true);
    if (c) candidates.push(c);
  }
  const range = rangeOf(toks, candidates);
  if (range) return range;
  const values = candidates.filter((c) => !c.thresholdTalk);
  const chosen = values.length > 0 ? values : candidates;
  const found = chosen[0];
  if (!found) return null;
  const workedOut = chosen.findLast((c) => c.total);
  if (workedOut) return toAmount({ ...workedOut, perItem: false }, toks);
  const first = corrected(toks, found);
  if (chosen.length > 1 && chosen.every((c) => c.bound === 'exact') && joinedByAnd(toks, chosen)) {
    const total = chosen.reduce((sum, c) => sum + toAmount(c, toks).value, 0);
    const rounded = Math.round(total * 100) / 100;
    return { value: rounded, min: rounded, max: rounded, attached: true };
  }
  return toAmount(first, toks);
}

/** "tussen 40 en 60 euro": the bot cannot tell which side of the threshold it falls. */
function rangeOf(toks: Tok[], candidates: Candidate[]): Amount | null {
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]?.text !== 'tussen') continue;
    const low = toks.slice(i + 1, i + 4).find((t) => t.num !== undefined);
    const high = candidates.find((c) => c.at > i + 1 && c.at <= i + 6);
    if (low?.num !== undefined && high && high.value > low.num) {
      return { value: high.value, min: low.num, max: high.value, attached: true };
    }
  }
  return null;
}

function joinedByAnd(toks: Tok[], chosen: Candidate[]): boolean {
  for (let k = 1; k < chosen.length; k++) {
    const between = toks.slice((chosen[k - 1]?.at ?? 0) + 1, chosen[k]?.at ?? 0).map((t) => t.text);
    if (!between.some((w) => w === 'en' || w === 'plus' || w === '+')) return false;
  }
  return true;
}

/** Exposed for the understanding: a number word standing on its own ("vijftig"). */
export function isNumberWord(word: string): boolean {
  return parseNumberWord(word) !== null;
}
