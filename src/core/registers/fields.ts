import { fold } from '../text/normalize.js';
import { readAmount } from '../understanding/amount.js';
import { parseDutchDate } from './dates.js';
import {
  EMPLOYER_RELATIONS,
  type EmployerRelation,
  type GiftOutcome,
  type GiverRelation,
  LABELS,
  type RegisterName,
  type SideJobKind,
} from './model.js';
import { validateField } from './validate.js';

/**
 * The questions of both registration forms, one field each: how to ask, which
 * buttons to offer, and how to read the answer. A reply that does not fit gets
 * a message naming the field and the same question again.
 */
export type Draft = Record<string, unknown>;
export type Parsed = { value: unknown } | { error: string };

export interface FieldSpec {
  key: string;
  /** As shown in the summary and the "wat wil je wijzigen?" buttons. */
  label: string;
  ask(draft: Draft): string;
  choices?(draft: Draft): string[];
  parse(input: string, today: string, now: Date): Parsed;
  /** Asked only when this holds; otherwise `derive` fills it in. */
  when?(draft: Draft): boolean;
  derive?(draft: Draft): unknown;
  /** An earlier answer changed and this one no longer fits: ask it again. */
  stale?(draft: Draft): boolean;
  show(value: unknown): string;
}

const NO = /^(nee|neen|nope|n|niet|geen|onbetaald|afgeslagen|geweigerd|niet aangenomen|nee,? afgeslagen)\b/;
const YES = /^(ja|jawel|yes|j|klopt|betaald|aangenomen|ja,? aangenomen|ja,? publiceren)\b/;
const UNKNOWN = /^(weet ik niet|weet niet|geen idee|onbekend|geen flauw idee|\?)$/;

function check(register: RegisterName, key: string, value: unknown, today: string): Parsed {
  const problem = validateField(register, key, value, today);
  return problem ? { error: problem } : { value };
}

function freeText(register: RegisterName, key: string) {
  return (input: string, today: string): Parsed => check(register, key, input, today);
}

function pick(input: string, options: [RegExp, string][], field: string, hint: string): Parsed {
  const text = fold(input);
  for (const [pattern, value] of options) if (pattern.test(text)) return { value };
  return { error: `${field}: kies ${hint}` };
}

function yesNo(field: string, yes: string, no: string) {
  return (input: string): Parsed => {
    const text = fold(input);
    if (YES.test(text)) return { value: true };
    if (NO.test(text)) return { value: false };
    return { error: `${field}: antwoord met "${yes}" of "${no}"` };
  };
}

function date(register: RegisterName, key: string, allowNone: boolean) {
  return (input: string, today: string, now: Date): Parsed => {
    const text = fold(input);
    if (allowNone && /^(geen|nee|geen einddatum|nog niet bekend|onbekend|n\.?v\.?t\.?|loopt nog)$/.test(text)) return { value: null };
    const monthYear = /^(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) (\d{4})$/.exec(text);
    const result = monthYear ? parseDutchDate(`1 ${monthYear[1] ?? ''} ${monthYear[2] ?? ''}`, now) : parseDutchDate(text, now);
    if (!result.ok) return { error: `${register === 'geschenk' ? 'datum' : key === 'startDate' ? 'startdatum' : 'einddatum'}: ${result.reason}` };
    return check(register, key, result.day, today);
  };
}

const euro = (value: unknown) =>
  typeof value === 'number' ? `€${value.toLocaleString('nl-NL', { maximumFractionDigits: 2 })}` : 'onbekend';

export const GIFT_FIELDS: FieldSpec[] = [
  {
    key: 'direction',
    label: 'Gekregen of aangeboden',
    ask: () => 'Heb je het geschenk gekregen, of is het je alleen aangeboden?',
    choices: () => ['Gekregen', 'Aangeboden'],
    parse: (input) => pick(input, [[/gekregen|ontvangen|kreeg|gehad|binnen/, 'ontvangen'], [/aangeboden|aanbod|bood/, 'aangeboden']], 'gekregen of aangeboden', '"Gekregen" of "Aangeboden"'),
    show: (v) => LABELS.direction[v as 'ontvangen' | 'aangeboden'],
  },
  {
    key: 'date',
    label: 'Datum',
    ask: () => 'Wanneer was dat? (bijv. "vandaag", "gisteren", "vorige week vrijdag" of "3 november")',
    choices: () => ['Vandaag', 'Gisteren'],
    parse: date('geschenk', 'date', false),
    show: (v) => (typeof v === 'string' ? v : ''),
  },
  {
    key: 'description',
    label: 'Omschrijving',
    ask: () => 'Wat is het? Een korte omschrijving is genoeg, bijvoorbeeld "fles wijn" of "kerstpakket".',
    parse: freeText('geschenk', 'description'),
    show: (v) => (typeof v === 'string' ? v : ''),
  },
  {
    key: 'valueEuros',
    label: 'Waarde',
    ask: () => 'Wat is de geschatte waarde in euro?',
    choices: () => ['Weet ik niet'],
    parse: (input, today) => {
      const text = fold(input);
      if (UNKNOWN.test(text)) return { value: null };
      if (/(^|\s)-\s*\d/.test(text)) return { error: 'waarde: mag niet negatief zijn' };
      const amount = readAmount(text, { bareNumberIsValue: true });
      if (!amount) return { error: 'waarde: noem een bedrag in euro, bijv. "25" of "ongeveer 40 euro"' };
      return check('geschenk', 'valueEuros', amount.value, today);
    },
    show: euro,
  },
  {
    key: 'giverOrg',
    label: 'Gever',
    ask: () => 'Van welke organisatie komt het? (bijv. "Bouwbedrijf De Vries" of "een inwoner")',
    parse: freeText('geschenk', 'giverOrg'),
    show: (v) => (typeof v === 'string' ? v : ''),
  },
  {
    key: 'giverRelation',
    label: 'Relatie met de gever',
    ask: () => 'Is de gever een leverancier, of een partij in een aanbesteding, vergunning of subsidie die jij behandelt?',
    choices: () => ['Leverancier', 'Aanbesteding', 'Vergunning', 'Subsidie', 'Geen van deze'],
    parse: (input) =>
      pick(
        input,
        [
          [/leverancier|leveranc|opdrachtnemer|aannemer/, 'leverancier'],
          [/aanbested|tender|offerte/, 'aanbesteding'],
          [/vergunning/, 'vergunning'],
          [/subsidie/, 'subsidie'],
          [/geen|nee|anders|niet|inwoner|burger/, 'geen'],
        ],
        'relatie met de gever',
        'leverancier, aanbesteding, vergunning, subsidie of "geen van deze"',
      ),
    show: (v) => LABELS.giverRelation[v as GiverRelation],
  },
  {
    key: 'accepted',
    label: 'Aangenomen',
    ask: () => 'Heb je het aangenomen of afgeslagen?',
    choices: () => ['Ja, aangenomen', 'Nee, afgeslagen'],
    parse: yesNo('aangenomen', 'Ja, aangenomen', 'Nee, afgeslagen'),
    show: (v) => (v ? 'ja' : 'nee, afgeslagen'),
  },
  {
    key: 'outcome',
    label: 'Wat ermee gebeurd is',
    ask: () => 'Wat is ermee gebeurd?',
    choices: () => ['Zelf gehouden', 'Gedeeld met het team', 'Naar een goed doel', 'Teruggegeven', 'Afgegeven aan de organisatie'],
    when: (d) => d.accepted === true,
    derive: () => 'afgeslagen',
    stale: (d) => d.outcome === 'afgeslagen',
    parse: (input) =>
      pick(
        input,
        [
          [/gehouden|houd|hou|zelf/, 'gehouden'],
          [/gedeeld|team|collega|delen/, 'gedeeld'],
          [/goed doel|goede doel|geschonken|weggegeven/, 'goed_doel'],
          [/teruggegeven|terug|retour/, 'teruggegeven'],
          [/afgegeven|ingeleverd|organisatie|gemeente|werkgever/, 'afgegeven'],
        ],
        'wat ermee gebeurd is',
        'zelf gehouden, gedeeld met het team, goed doel, teruggegeven of afgegeven',
      ),
    show: (v) => LABELS.outcome[v as GiftOutcome],
  },
];

const isJob = (d: Draft) => d.kind === 'nevenwerk';
const declaresNone = (d: Draft) => d.kind === 'geen';

export const SIDEJOB_FIELDS: FieldSpec[] = [
  {
    key: 'kind',
    label: 'Soort',
    ask: () => 'Wat wil je registreren: een nevenwerkzaamheid of -functie, een financieel belang, of dat je geen nevenwerkzaamheden hebt?',
    choices: () => ['Nevenwerk of -functie', 'Financieel belang', 'Geen nevenwerkzaamheden'],
    parse: (input) =>
      pick(
        input,
        [
          [/^geen|geen nevenwerk|heb geen|niks|niets/, 'geen'],
          [/financ|aandel|belang|obligat|beleg/, 'financieel_belang'],
          [/neven|functie|bijbaan|werk|bestuur|baan/, 'nevenwerk'],
        ],
        'soort',
        'nevenwerk, financieel belang of geen',
      ),
    show: (v) => LABELS.sideJobKind[v as SideJobKind],
  },
  {
    key: 'organisation',
    label: 'Organisatie',
    ask: (d) => (d.kind === 'financieel_belang' ? 'In welk bedrijf of welke organisatie heb je het belang?' : 'Bij welke organisatie?'),
    when: (d) => !declaresNone(d),
    derive: () => 'geen',
    parse: freeText('nevenwerk', 'organisation'),
    show: (v) => (typeof v === 'string' ? v : ''),
  },
  {
    key: 'role',
    label: 'Functie of rol',
    ask: (d) => (d.kind === 'financieel_belang' ? 'Wat voor belang is het? (bijv. aandelen, obligaties)' : 'Wat is je functie of rol daar?'),
    when: (d) => !declaresNone(d),
    derive: () => 'geen',
    parse: freeText('nevenwerk', 'role'),
    show: (v) => (typeof v === 'string' ? v : ''),
  },
  {
    key: 'paid',
    label: 'Betaald',
    ask: () => 'Is het betaald of onbetaald?',
    choices: () => ['Betaald', 'Onbetaald'],
    when: isJob,
    derive: () => false,
    parse: yesNo('betaald', 'Betaald', 'Onbetaald'),
    show: (v) => (v ? 'betaald' : 'onbetaald'),
  },
  {
    key: 'hoursPerWeek',
    label: 'Uren per week',
    ask: () => 'Hoeveel uur per week ongeveer?',
    choices: () => ['Wisselt'],
    when: isJob,
    derive: () => null,
    parse: (input, today) => {
      const text = fold(input);
      if (/^(wisselt|wisselend|verschilt|weet ik niet|onbekend)$/.test(text)) return { value: null };
      const match = /(-?\d+(?:[.,]\d+)?)/.exec(text);
      if (!match) return { error: 'uren per week: noem een aantal uren, bijv. 4' };
      return check('nevenwerk', 'hoursPerWeek', Number((match[1] ?? '').replace(',', '.')), today);
    },
    show: (v) => (typeof v === 'number' ? `${String(v)} uur` : 'wisselend'),
  },
  {
    key: 'startDate',
    label: 'Startdatum',
    ask: () => 'Sinds wanneer? (bijv. "september 2024", "1-9-2024" of "vandaag")',
    when: (d) => !declaresNone(d),
    derive: () => null,
    parse: date('nevenwerk', 'startDate', false),
    show: (v) => (typeof v === 'string' ? v : '—'),
  },
  {
    key: 'endDate',
    label: 'Einddatum',
    ask: () => 'Is er een einddatum?',
    choices: () => ['Geen einddatum'],
    when: isJob,
    derive: () => null,
    parse: date('nevenwerk', 'endDate', true),
    show: (v) => (typeof v === 'string' ? v : 'geen'),
  },
  {
    key: 'relations',
    label: 'Relatie met de werkgever',
    ask: () => 'Doet die organisatie zaken met ons, krijgt ze subsidie of vergunningen van ons, of houden wij er toezicht op? Noem wat van toepassing is.',
    choices: () => ['Zaken', 'Subsidie', 'Vergunning', 'Toezicht', 'Geen van deze'],
    when: (d) => !declaresNone(d),
    derive: () => [],
    parse: (input) => {
      const text = fold(input);
      const found: EmployerRelation[] = [];
      const patterns: Record<EmployerRelation, RegExp> = { zaken: /zaken|leverancier|opdracht|klant/, subsidie: /subsidie/, vergunning: /vergunning/, toezicht: /toezicht|controle|handhaving/ };
      for (const relation of EMPLOYER_RELATIONS) if (patterns[relation].test(text)) found.push(relation);
      if (found.length > 0) return { value: found };
      if (/geen|nee|niet|niks|niets/.test(text)) return { value: [] };
      return { error: 'relatie met de werkgever: noem zaken, subsidie, vergunning, toezicht of "geen van deze"' };
    },
    show: (v) => ((v as EmployerRelation[]).length === 0 ? 'geen' : (v as EmployerRelation[]).map((r) => LABELS.employerRelation[r]).join(', ')),
  },
  {
    key: 'publish',
    label: 'Publiceren',
    ask: () => 'Moet dit openbaar worden gemaakt? Dat geldt voor nevenfuncties van topfunctionarissen.',
    choices: () => ['Ja, publiceren', 'Nee'],
    when: isJob,
    derive: () => false,
    parse: yesNo('publiceren', 'Ja, publiceren', 'Nee'),
    show: (v) => (v ? 'ja' : 'nee'),
  },
];

export function fieldsOf(register: RegisterName): FieldSpec[] {
  return register === 'geschenk' ? GIFT_FIELDS : SIDEJOB_FIELDS;
}
