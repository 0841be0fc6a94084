import { z } from 'zod';
import { GedragsbotError } from '../errors.js';
import {
  EMPLOYER_RELATIONS,
  GIFT_DIRECTIONS,
  GIFT_OUTCOMES,
  type GiftInput,
  GIVER_RELATIONS,
  SIDEJOB_KINDS,
  type SideJobInput,
} from './model.js';

/**
 * Every field of both registers, checked before anything is stored. A message
 * always names the field in Dutch, so the employee knows what to change.
 */
export const MAX_VALUE_EUROS = 100_000;
export const MAX_HOURS_PER_WEEK = 80;

const FIELD_NAMES: Record<string, string> = {
  direction: 'gekregen of aangeboden',
  date: 'datum',
  description: 'omschrijving',
  valueEuros: 'waarde',
  giverOrg: 'gever',
  giverRelation: 'relatie met de gever',
  accepted: 'aangenomen',
  outcome: 'wat ermee gebeurd is',
  kind: 'soort',
  organisation: 'organisatie',
  role: 'functie of rol',
  paid: 'betaald',
  hoursPerWeek: 'uren per week',
  startDate: 'startdatum',
  endDate: 'einddatum',
  relations: 'relatie met de werkgever',
  publish: 'publiceren',
};

export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field;
}

const MARKUP = /<[^>]*>|[<>]|&(lt|gt|amp|#\d+);|\[[^\]]*\]\([^)]*\)/i;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** Zero-width and bidi control characters: invisible, and able to make a stored name read differently than it is. */
const INVISIBLE = /\p{Cf}/gu;

function text(max: number) {
  return z
    .string({ error: 'vul tekst in' })
    .transform((v) => v.replace(INVISIBLE, '').trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(2, 'vul minstens 2 tekens in')
        .max(max, `hoogstens ${max} tekens`)
        .refine((v) => !MARKUP.test(v), 'gebruik gewone tekst, zonder HTML of opmaakcodes')
        .refine((v) => !CONTROL.test(v), 'bevat tekens die niet in tekst horen'),
    );
}

function existingDay(day: string): boolean {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'een datum als 2026-11-20')
  .refine(existingDay, 'die dag bestaat niet');

function notAfter(limit: string, message: string) {
  return isoDay.refine((d) => d <= limit, message);
}

function buildGiftSchema(today: string) {
  return z.strictObject({
    direction: z.enum(GIFT_DIRECTIONS, { error: 'kies gekregen of aangeboden' }),
    date: notAfter(today, 'ligt in de toekomst').refine((d) => d >= '2000-01-01', 'ligt te ver in het verleden'),
    description: text(200),
    valueEuros: z
      .number({ error: 'een bedrag in euro, bijv. 35' })
      .min(0, 'mag niet negatief zijn')
      .max(MAX_VALUE_EUROS, `is onwaarschijnlijk hoog (meer dan €${MAX_VALUE_EUROS.toLocaleString('nl-NL')}); controleer het bedrag`)
      .refine((v) => Number.isFinite(v), 'een bedrag in euro, bijv. 35')
      .nullable(),
    giverOrg: text(120),
    giverRelation: z.enum(GIVER_RELATIONS, { error: `kies een van: ${GIVER_RELATIONS.join(', ')}` }),
    accepted: z.boolean({ error: 'kies aangenomen of niet aangenomen' }),
    outcome: z.enum(GIFT_OUTCOMES, { error: `kies een van: ${GIFT_OUTCOMES.join(', ')}` }),
  });
}

function buildSideJobSchema(today: string) {
  const nextYear = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;
  return z
    .strictObject({
      kind: z.enum(SIDEJOB_KINDS, { error: 'kies nevenwerk, financieel belang of geen' }),
      organisation: text(120),
      role: text(120),
      paid: z.boolean({ error: 'kies betaald of onbetaald' }),
      hoursPerWeek: z
        .number({ error: 'een aantal uren, bijv. 4' })
        .min(0, 'mag niet negatief zijn')
        .max(MAX_HOURS_PER_WEEK, `hoogstens ${MAX_HOURS_PER_WEEK} uur per week`)
        .nullable(),
      startDate: notAfter(nextYear, 'ligt meer dan een jaar in de toekomst')
        .refine((d) => d >= '1950-01-01', 'ligt te ver in het verleden')
        .nullable(),
      endDate: isoDay.nullable(),
      relations: z.array(z.enum(EMPLOYER_RELATIONS, { error: `kies uit: ${EMPLOYER_RELATIONS.join(', ')}` })).max(4),
      publish: z.boolean({ error: 'kies ja of nee' }),
    })
    .refine((s) => !s.startDate || !s.endDate || s.endDate >= s.startDate, {
      message: 'ligt voor de startdatum',
      path: ['endDate'],
    });
}

/** Building a schema costs more than checking with it; they only change with the day. */
function perDay<T>(build: (today: string) => T): (today: string) => T {
  let day = '';
  let built: T | undefined;
  return (today) => {
    if (built === undefined || day !== today) {
      built = build(today);
      day = today;
    }
    return built;
  };
}

export const giftSchema = perDay(buildGiftSchema);
export const sideJobSchema = perDay(buildSideJobSchema);

/** Throws a kind Dutch error that names the first wrong field; nothing may be stored then. */
function check<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((i) => `${fieldName(String(i.path[0] ?? ''))}: ${i.message}`);
  throw new GedragsbotError('INPUT_INVALID', `Ongeldige registratie: ${messages.join('; ')}`, {
    userMessage: `Dat kan ik zo niet opslaan — ${messages.join('; ')}. Er is niets bewaard.`,
  });
}

export function validateGift(input: unknown, today: string): GiftInput {
  return check<GiftInput>(giftSchema(today), input);
}

export function validateSideJob(input: unknown, today: string): SideJobInput {
  return check<SideJobInput>(sideJobSchema(today), input);
}

/** One field on its own, for the conversation that asks field by field. */
export function validateField(register: 'geschenk' | 'nevenwerk', field: string, value: unknown, today: string): string | null {
  const shape: Record<string, z.ZodType> = register === 'geschenk' ? giftSchema(today).shape : sideJobSchema(today).shape;
  const schema = shape[field];
  if (!schema) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? null : `${fieldName(field)}: ${parsed.error.issues[0]?.message ?? 'ongeldig'}`;
}
