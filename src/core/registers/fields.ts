import { calendarDay } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';
import { fold } from '../text/normalize.js';
import { readAmount } from '../understanding/amount.js';
import { parseDutchDate } from './dates.js';
import {
  EMPLOYER_RELATIONS,
  GIFT_DIRECTIONS,
  GIFT_OUTCOMES,
  GIVER_RELATIONS,
  type RegisterName,
  SIDEJOB_KINDS,
} from './model.js';

/**
 * Every field of both registers, declared once. A declaration says what kind of value the field holds,
 * how to read a typed answer, when it applies, how it is checked and what empty means. Everything else
 * follows from it: the question in the chat with its buttons, the Slack modal element and the Teams card
 * input (through the neutral form), the validation, the label in summaries and the export column. The
 * words live in rules/teksten/registers.json under `registers.<register>.<field>.*` (label, vraag,
 * uitleg, voorbeeld, and keuze.<value> for each option), so an organisation rewords them without code.
 *
 * Adding a field: one declaration here (and its column in the database), plus its texts.
 */
export type Draft = Record<string, unknown>;
/** A problem is a text key with what to fill in, turned into words by whoever shows it. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}
export type Parsed = { value: unknown } | { problem: Problem };

export type FieldKind = 'choice' | 'multichoice' | 'yesno' | 'text' | 'amount' | 'number' | 'date';

export interface FieldDeclaration {
  register: RegisterName;
  key: string;
  kind: FieldKind;
  /** The values of a choice or multichoice, in the order shown. */
  options?: readonly string[];
  /** The options a form offers, when fewer than the values (a declined gift's outcome is derived). */
  formOptions?: readonly string[];
  /** How typed words map to an option (the chat); the first that matches wins. */
  matchers?: readonly (readonly [RegExp, string])[];
  /** Typed words that mean "none": an empty list, null or false, depending on the field. */
  none?: RegExp;
  /** What leaving the field empty in a form means; undefined: it must be filled in. */
  empty?: unknown;
  /** Asked only when this holds; otherwise `derive` fills it in. */
  when?(draft: Draft): boolean;
  derive?(draft: Draft): unknown;
  /** An earlier answer changed and this one no longer fits: ask it again. */
  stale?(draft: Draft): boolean;
  /** For text fields: the longest answer. */
  max?: number;
  /** Extra rules on a value that has the right type (dates in range, amounts not absurd). */
  refine?(value: unknown, today: string): Problem | null;
  /** Which text variant of the question and label to use for this draft ("financieel" for a financial interest). */
  variant?(draft: Draft): string | null;
  /** The column in the coordinator's export. */
  column: string;
}

export const MAX_VALUE_EUROS = 100_000;
export const MAX_HOURS_PER_WEEK = 80;

const isJob = (d: Draft) => d.kind === 'nevenwerk';
const declaresNone = (d: Draft) => d.kind === 'geen';
const financial = (d: Draft) => (d.kind === 'financieel_belang' ? 'financieel' : null);

const notInFuture = (value: unknown, today: string): Problem | null =>
  typeof value === 'string' && value > today ? { key: 'registers.fout.toekomst' } : null;

const GIFT: FieldDeclaration[] = [
  {
    register: 'geschenk',
    key: 'direction',
    kind: 'choice',
    options: GIFT_DIRECTIONS,
    matchers: [[/gekregen|ontvangen|kreeg|gehad|binnen/, 'ontvangen'], [/aangeboden|aanbod|bood/, 'aangeboden']],
    column: 'richting',
  },
  {
    register: 'geschenk',
    key: 'date',
    kind: 'date',
    refine: (value, today) => notInFuture(value, today) ?? (typeof value === 'string' && value < '2000-01-01' ? { key: 'registers.fout.te_lang_geleden' } : null),
    column: 'datum',
  },
  { register: 'geschenk', key: 'description', kind: 'text', max: 200, column: 'omschrijving' },
  {
    register: 'geschenk',
    key: 'valueEuros',
    kind: 'amount',
    none: /^(weet ik niet|weet niet|geen idee|onbekend|geen flauw idee|\?)$/,
    empty: null,
    column: 'waarde_eur',
  },
  { register: 'geschenk', key: 'giverOrg', kind: 'text', max: 120, column: 'gever' },
  {
    register: 'geschenk',
    key: 'giverRelation',
    kind: 'choice',
    options: GIVER_RELATIONS,
    matchers: [
      [/leverancier|leveranc|opdrachtnemer|aannemer/, 'leverancier'],
      [/aanbested|tender|offerte/, 'aanbesteding'],
      [/vergunning/, 'vergunning'],
      [/subsidie/, 'subsidie'],
      [/geen|nee|anders|niet|inwoner|burger/, 'geen'],
    ],
    column: 'relatie',
  },
  {
    register: 'geschenk',
    key: 'accepted',
    kind: 'yesno',
    matchers: [
      [/^(nee|neen|n|niet|afgeslagen|geweigerd|niet aangenomen|nee,? afgeslagen)\b/, 'nee'],
      [/^(ja|jawel|yes|j|klopt|aangenomen|ja,? aangenomen)\b/, 'ja'],
    ],
    column: 'aangenomen',
  },
  {
    register: 'geschenk',
    key: 'outcome',
    kind: 'choice',
    options: GIFT_OUTCOMES,
    formOptions: GIFT_OUTCOMES.filter((o) => o !== 'afgeslagen'),
    matchers: [
      [/gehouden|houd|hou|zelf/, 'gehouden'],
      [/gedeeld|team|collega|delen/, 'gedeeld'],
      [/goed doel|goede doel|geschonken|weggegeven/, 'goed_doel'],
      [/teruggegeven|terug|retour/, 'teruggegeven'],
      [/afgegeven|ingeleverd|organisatie|gemeente|werkgever/, 'afgegeven'],
    ],
    when: (d) => d.accepted === true,
    derive: () => 'afgeslagen',
    stale: (d) => d.outcome === 'afgeslagen',
    empty: undefined,
    column: 'bestemming',
  },
];

const SIDE_JOB: FieldDeclaration[] = [
  {
    register: 'nevenwerk',
    key: 'kind',
    kind: 'choice',
    options: SIDEJOB_KINDS,
    matchers: [
      [/^geen|geen nevenwerk|heb geen|niks|niets/, 'geen'],
      [/financ|aandel|belang|obligat|beleg/, 'financieel_belang'],
      [/neven|functie|bijbaan|werk|bestuur|baan/, 'nevenwerk'],
    ],
    column: 'soort',
  },
  {
    register: 'nevenwerk',
    key: 'organisation',
    kind: 'text',
    max: 120,
    when: (d) => !declaresNone(d),
    derive: () => 'geen',
    variant: financial,
    column: 'organisatie',
  },
  {
    register: 'nevenwerk',
    key: 'role',
    kind: 'text',
    max: 120,
    when: (d) => !declaresNone(d),
    derive: () => 'geen',
    variant: financial,
    column: 'functie',
  },
  {
    register: 'nevenwerk',
    key: 'paid',
    kind: 'yesno',
    matchers: [[/^(onbetaald|nee|niet betaald|vrijwillig|n)\b/, 'nee'], [/^(betaald|ja|j)\b/, 'ja']],
    when: isJob,
    derive: () => false,
    empty: false,
    column: 'betaald',
  },
  {
    register: 'nevenwerk',
    key: 'hoursPerWeek',
    kind: 'number',
    none: /^(wisselt|wisselend|verschilt|weet ik niet|onbekend)$/,
    refine: (value) => (typeof value === 'number' && value > MAX_HOURS_PER_WEEK ? { key: 'registers.fout.te_veel_uren', values: { max: MAX_HOURS_PER_WEEK } } : null),
    when: isJob,
    derive: () => null,
    empty: null,
    column: 'uren_per_week',
  },
  {
    register: 'nevenwerk',
    key: 'startDate',
    kind: 'date',
    refine: (value, today) => {
      if (typeof value !== 'string') return null;
      const nextYear = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;
      if (value > nextYear) return { key: 'registers.fout.ver_in_toekomst' };
      return value < '1950-01-01' ? { key: 'registers.fout.te_lang_geleden' } : null;
    },
    when: (d) => !declaresNone(d),
    derive: () => null,
    empty: null,
    column: 'start',
  },
  {
    register: 'nevenwerk',
    key: 'endDate',
    kind: 'date',
    none: /^(geen|nee|geen einddatum|nog niet bekend|onbekend|n\.?v\.?t\.?|loopt nog)$/,
    when: isJob,
    derive: () => null,
    empty: null,
    column: 'einde',
  },
  {
    register: 'nevenwerk',
    key: 'relations',
    kind: 'multichoice',
    options: EMPLOYER_RELATIONS,
    matchers: [
      [/zaken|leverancier|opdracht|klant/, 'zaken'],
      [/subsidie/, 'subsidie'],
      [/vergunning/, 'vergunning'],
      [/toezicht|controle|handhaving/, 'toezicht'],
    ],
    none: /geen|nee|niet|niks|niets/,
    when: (d) => !declaresNone(d),
    derive: () => [],
    empty: [],
    column: 'relatie_werkgever',
  },
  {
    register: 'nevenwerk',
    key: 'publish',
    kind: 'yesno',
    matchers: [[/^(nee|niet|n)\b/, 'nee'], [/^(ja|ja,? publiceren|publiceren|j)\b/, 'ja']],
    when: isJob,
    derive: () => false,
    empty: false,
    column: 'publiceren',
  },
];

export function fieldsOf(register: RegisterName): readonly FieldDeclaration[] {
  return register === 'geschenk' ? GIFT : SIDE_JOB;
}

export function applies(field: FieldDeclaration, draft: Draft): boolean {
  return field.when ? field.when(draft) : true;
}

/** A stored value as text: only strings and numbers are ever stored in these fields. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

// ---------------------------------------------------------------- words, from the text files

const prefix = (field: FieldDeclaration) => `registers.${field.register}.${field.key}`;

function variantKey(texts: Texts, field: FieldDeclaration, part: string, draft: Draft): string {
  const variant = field.variant?.(draft);
  const specific = `${prefix(field)}.${part}_${variant ?? ''}`;
  return variant && texts.has(specific) ? specific : `${prefix(field)}.${part}`;
}

export function labelOf(texts: Texts, field: FieldDeclaration, draft: Draft = {}): string {
  return texts.t(variantKey(texts, field, 'label', draft));
}

/** The question in the chat. */
export function questionOf(texts: Texts, field: FieldDeclaration, draft: Draft): string {
  return texts.t(variantKey(texts, field, 'vraag', draft));
}

export function optionLabel(texts: Texts, field: FieldDeclaration, value: string): string {
  return texts.t(`${prefix(field)}.keuze.${value}`);
}

export function optional(texts: Texts, field: FieldDeclaration, part: 'uitleg' | 'voorbeeld'): string | undefined {
  const key = `${prefix(field)}.${part}`;
  return texts.has(key) ? texts.t(key) : undefined;
}

/** The buttons in the chat: every option, or a shortcut for a field where none and typing are common. */
export function choicesOf(field: FieldDeclaration): string[] {
  if (field.kind === 'choice' || field.kind === 'multichoice') return [...(field.options ?? []).filter((o) => o !== 'afgeslagen'), ...(field.kind === 'multichoice' ? ['geen'] : [])];
  if (field.kind === 'yesno') return ['ja', 'nee'];
  if (field.kind === 'date') return field.none ? ['geen'] : field.register === 'geschenk' ? ['vandaag', 'gisteren'] : [];
  if (field.none) return ['geen'];
  return [];
}

/** How a stored value reads in a summary or list. */
export function shownValue(texts: Texts, field: FieldDeclaration, value: unknown): string {
  if (value === null || value === undefined) return texts.t(`${prefix(field)}.leeg`);
  switch (field.kind) {
    case 'choice':
      return optionLabel(texts, field, text(value));
    case 'multichoice': {
      const list = value as string[];
      if (list.length === 0) return texts.t(`${prefix(field)}.leeg`);
      // "Doet zaken met ons en krijgt subsidie van ons": a list reads as one sentence.
      const labels = list.map((v, i) => {
        const label = optionLabel(texts, field, v);
        return i === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1);
      });
      if (labels.length === 1) return labels[0] ?? '';
      return texts.t('opsomming.en', { eerste: labels.slice(0, -1).join(', '), laatste: labels.at(-1) ?? '' });
    }
    case 'yesno':
      return optionLabel(texts, field, value === true ? 'ja' : 'nee');
    case 'amount':
      return typeof value === 'number' ? `€${value.toLocaleString('nl-NL', { maximumFractionDigits: 2 })}` : '';
    case 'number':
      return texts.t(`${prefix(field)}.waarde`, { aantal: Number(value) });
    case 'date':
      return calendarDay(text(value));
    default:
      return text(value);
  }
}

// ---------------------------------------------------------------- reading and checking values

const MARKUP = /<[^>]*>|[<>]|&(lt|gt|amp|#\d+);|\[[^\]]*\]\([^)]*\)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** Zero-width and bidi control characters: invisible, and able to make a stored name read differently than it is. */
const INVISIBLE = /\p{Cf}/gu;

/** Checks a value of the right shape for this field; null when it is fine. */
export function checkValue(field: FieldDeclaration, value: unknown, today: string): Parsed {
  const problem = (key: string, values?: Problem['values']) => ({ problem: { key, ...(values ? { values } : {}) } });
  if (value === null || value === undefined) {
    return field.empty !== undefined || field.when ? { value: null } : problem('registers.fout.leeg');
  }
  switch (field.kind) {
    case 'text': {
      if (typeof value !== 'string') return problem('registers.fout.tekst');
      const clean = value.replace(INVISIBLE, '').trim().replace(/\s+/g, ' ');
      if (clean.length < 2) return problem('registers.fout.te_kort');
      if (clean.length > (field.max ?? 200)) return problem('registers.fout.te_lang', { max: field.max ?? 200 });
      if (MARKUP.test(clean)) return problem('registers.fout.opmaak');
      if (CONTROL.test(clean)) return problem('registers.fout.vreemde_tekens');
      return { value: clean };
    }
    case 'choice':
      return field.options?.includes(text(value)) ? { value } : problem('registers.fout.kies');
    case 'multichoice':
      return Array.isArray(value) && value.every((v) => field.options?.includes(String(v))) ? { value: [...new Set(value as string[])] } : problem('registers.fout.kies');
    case 'yesno':
      return typeof value === 'boolean' ? { value } : problem('registers.fout.ja_nee');
    case 'amount':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('registers.fout.bedrag');
      if (value < 0) return problem('registers.fout.negatief');
      if (value > MAX_VALUE_EUROS) return problem('registers.fout.te_hoog', { max: MAX_VALUE_EUROS.toLocaleString('nl-NL') });
      return { value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('registers.fout.getal');
      if (value < 0) return problem('registers.fout.negatief');
      break;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !existingDay(value)) return problem('registers.fout.datum');
      break;
  }
  const refined = field.refine?.(value, today);
  return refined ? { problem: refined } : { value };
}

function existingDay(day: string): boolean {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

/** A typed answer in the chat, or a typed value in a form's text box, read as this field's value. */
export function readTyped(field: FieldDeclaration, input: string, today: string, now: Date): Parsed {
  const text = fold(input).replace(/[.!]+$/, '');
  if (field.none?.test(text)) {
    const none = field.kind === 'multichoice' ? [] : field.kind === 'yesno' ? false : null;
    return { value: none };
  }
  switch (field.kind) {
    case 'choice': {
      if (field.options?.includes(text)) return checkValue(field, text, today);
      const match = field.matchers?.find(([pattern]) => pattern.test(text));
      return match ? checkValue(field, match[1], today) : { problem: { key: 'registers.fout.kies' } };
    }
    case 'multichoice': {
      const found = (field.matchers ?? []).filter(([pattern]) => pattern.test(text)).map(([, value]) => value);
      return found.length > 0 ? checkValue(field, found, today) : { problem: { key: 'registers.fout.kies' } };
    }
    case 'yesno': {
      if (text === 'ja' || text === 'nee') return { value: text === 'ja' };
      const match = field.matchers?.find(([pattern]) => pattern.test(text));
      return match ? { value: match[1] === 'ja' } : { problem: { key: 'registers.fout.ja_nee' } };
    }
    case 'amount': {
      if (/(^|\s)-\s*\d/.test(text)) return { problem: { key: 'registers.fout.negatief' } };
      const amount = readAmount(text, { bareNumberIsValue: true });
      return amount ? checkValue(field, amount.value, today) : { problem: { key: 'registers.fout.bedrag' } };
    }
    case 'number': {
      const match = /(-?\d+(?:[.,]\d+)?)/.exec(text);
      return match ? checkValue(field, Number((match[1] ?? '').replace(',', '.')), today) : { problem: { key: 'registers.fout.getal' } };
    }
    case 'date': {
      const monthYear = /^(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) (\d{4})$/.exec(text);
      const result = monthYear ? parseDutchDate(`1 ${monthYear[1] ?? ''} ${monthYear[2] ?? ''}`, now) : parseDutchDate(text, now);
      if (!result.ok) return { problem: result.problem };
      return checkValue(field, result.day, today);
    }
    case 'text':
      return checkValue(field, input, today);
  }
}

/** A complete draft checked field by field: the values to store, or the problems by field. */
export type DraftCheck = { ok: true; value: Draft } | { ok: false; problems: Record<string, Problem> };

export function checkDraft(register: RegisterName, draft: Draft, today: string): DraftCheck {
  const value: Draft = {};
  const problems: Record<string, Problem> = {};
  for (const field of fieldsOf(register)) {
    const raw = applies(field, draft) ? draft[field.key] : field.derive?.(draft);
    if (raw === undefined && applies(field, draft) && field.empty === undefined) {
      problems[field.key] = { key: 'registers.fout.leeg' };
      continue;
    }
    if (!applies(field, draft)) {
      value[field.key] = raw;
      continue;
    }
    const checked = checkValue(field, raw ?? field.empty, today);
    if ('problem' in checked) problems[field.key] = checked.problem;
    else value[field.key] = checked.value;
  }
  if (register === 'nevenwerk' && typeof value.startDate === 'string' && typeof value.endDate === 'string' && value.endDate < value.startDate) {
    problems.endDate = { key: 'registers.fout.voor_start' };
  }
  return Object.keys(problems).length === 0 ? { ok: true, value } : { ok: false, problems };
}
