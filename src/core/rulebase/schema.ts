import { z } from 'zod';
import { ACTION_IDS } from '../messages/model.js';
import { FACT_NAMES, SITUATIONS } from './facts.js';

/** What json-rules-engine understands out of the box; a typo here would silently never match. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

export const INTENTS = [
  'geschenk',
  'uitnodiging',
  'nevenwerkzaamheden',
  'privegebruik',
  'informatie',
  'belangenverstrengeling',
  'ongewenst_gedrag',
  'misstand_melden',
  'vertrouwenspersoon',
  'steun',
  'vraag_voorleggen',
  'registreren',
  'dilemma',
  'help',
  'onbekend',
] as const;
export type Intent = (typeof INTENTS)[number];

export const VERDICTS = [
  'toegestaan',
  'toegestaan_melden',
  'niet_toegestaan',
  'overleggen',
  'melden',
  'doorverwijzen',
  'vraag',
  'geen',
] as const;
export type Verdict = (typeof VERDICTS)[number];

const factValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);

const leafCondition = z.strictObject({
  fact: z.enum(FACT_NAMES, {
    error: (i) => `onbekend feit ${JSON.stringify(i.input)}; bekend zijn: ${FACT_NAMES.join(', ')}`,
  }),
  operator: z.enum(OPERATORS, {
    error: (i) => `onbekende operator ${JSON.stringify(i.input)}; verwacht een van: ${OPERATORS.join(', ')}`,
  }),
  value: z.union([factValue, z.strictObject({ fact: z.enum(FACT_NAMES) })]),
  path: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export type Condition
  = | z.infer<typeof leafCondition>
    | { all: Condition[] }
    | { any: Condition[] }
    | { not: Condition };

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leafCondition,
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
  ]),
);

const topCondition = z.union(
  [
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
  ],
  { error: 'verwacht een object met "all", "any" of "not"' },
);

export const answerEvent = z.strictObject({
  type: z.literal('antwoord', { error: 'het event-type moet "antwoord" zijn' }),
  params: z.strictObject({
    verdict: z.enum(VERDICTS, {
      error: (i) => `onbekend oordeel ${JSON.stringify(i.input)}; verwacht een van: ${VERDICTS.join(', ')}`,
    }),
    bron: z.string().min(3, 'noem de regel waarop het antwoord rust, bijv. "Gedragscode — Geschenken"'),
    tekst: z.string().min(10).max(900),
    acties: z.array(z.enum(ACTION_IDS)).default([]),
    vervolgvraag: z.enum(['waarde']).optional(),
  }),
});
export type AnswerEvent = z.infer<typeof answerEvent>;

export const ruleSchema = z.strictObject({
  name: z.string().min(1),
  priority: z.number().int().min(1).max(1000).default(10),
  conditions: topCondition,
  event: answerEvent,
});
export type RuleDefinition = z.infer<typeof ruleSchema>;

export const ruleFileSchema = z.strictObject({
  uitleg: z.string().optional(),
  regels: z.array(ruleSchema).min(1, 'een regelbestand heeft minstens één regel'),
});

const contact = z.strictObject({
  naam: z.string().min(2),
  telefoon: z
    .string()
    .regex(/^[+\d][\d\s-]{5,}$/, 'een telefoonnummer, bijv. "020 123 4567"')
    .optional(),
  email: z.email('een e-mailadres').optional(),
  rol: z.string().optional(),
});

export const organisationSchema = z.strictObject({
  uitleg: z.string().optional(),
  naam: z.string().min(2),
  geschenkDrempel: z.number().positive().max(10_000),
  vertrouwenspersonen: z.array(contact).min(1, 'noem minstens één vertrouwenspersoon'),
  externeRoutes: z
    .array(
      z.strictObject({
        naam: z.string().min(2),
        omschrijving: z.string().min(5),
        telefoon: z.string().optional(),
        email: z.email().optional(),
        url: z.url().optional(),
        /** The situations this route serves; without it, every referral names it. */
        situaties: z.array(z.enum(SITUATIONS, {
          error: (i) => `onbekende situatie ${JSON.stringify(i.input)}; verwacht een van: ${SITUATIONS.join(', ')}`,
        })).min(1).optional(),
      }),
    )
    .default([]),
  /** Who answers questions put to the organisation in writing ("vraag voorleggen"). */
  integriteitscoordinator: contact.optional(),
  intranet: z.record(z.string(), z.url()).default({}),
});
export type Organisation = z.infer<typeof organisationSchema>;

/**
 * The meldwijzer's first question: what it is about. Behaviour towards you, something someone else does
 * that is not right, a misstand with a public interest, a crime or a threat, a datalek.
 */
export const MELD_SOORTEN = ['ongewenst_gedrag', 'integriteit', 'misstand', 'misdrijf', 'datalek'] as const;
export type MeldSoort = (typeof MELD_SOORTEN)[number];
/** Its second: advice first, or report. */
export const MELD_KEUZES = ['advies', 'melden'] as const;
export type MeldKeuze = (typeof MELD_KEUZES)[number];

const meldroute = z.strictObject({
  /** Stable: the HR figures count by it, so renaming a route keeps its history. */
  id: z.string().regex(/^[a-z0-9_]{2,40}$/, 'een korte code in kleine letters, cijfers en _, bijv. "politie"'),
  naam: z.string().min(2).max(80),
  omschrijving: z.string().min(5).max(300),
  /** What happens after the person goes there. */
  vervolg: z.string().min(5).max(600),
  /** How the person is protected. */
  bescherming: z.string().min(5).max(600),
  telefoon: z.string().regex(/^\+?\d[\d\s-]{1,20}$/, 'een telefoonnummer, bijv. "020 123 4567" of "112"').optional(),
  email: z.email('een e-mailadres').optional(),
  url: z.url({ protocol: /^https?$/, error: 'een webadres dat begint met https://' }).optional(),
  /** A key of "intranet" in organisatie.json: that page is shown with the route. */
  intranet: z.string().optional(),
  /** Also show the vertrouwenspersonen of organisatie.json with their numbers. */
  metVertrouwenspersonen: z.boolean().default(false),
  soorten: z.array(z.enum(MELD_SOORTEN, {
    error: (i) => `onbekende soort ${JSON.stringify(i.input)}; verwacht een van: ${MELD_SOORTEN.join(', ')}`,
  })).min(1),
  voor: z.array(z.enum(MELD_KEUZES, {
    error: (i) => `onbekende keuze ${JSON.stringify(i.input)}; verwacht een van: ${MELD_KEUZES.join(', ')}`,
  })).min(1),
});
export type Meldroute = z.infer<typeof meldroute>;

export const meldwijzerSchema = z.strictObject({
  uitleg: z.string().optional(),
  routes: z.array(meldroute).min(1, 'noem minstens één route'),
});
export type Meldwijzer = z.infer<typeof meldwijzerSchema>;

const termList = z
  .array(
    z
      .string()
      .min(1)
      .regex(/^[^A-Z]*$/, 'schrijf termen in kleine letters'),
  )
  .default([]);

export const lexiconSchema = z.strictObject({
  uitleg: z.string().optional(),
  tikfouten: z.strictObject({
    uitleg: z.string().optional(),
    minLengte: z.number().int().min(3).max(20),
    langVanaf: z.number().int().min(4).max(30),
    nooitVerbeteren: z.array(z.string()).default([]),
  }),
  begrippen: z.record(
    z.string().regex(/^[a-z_]+$/, 'begripnamen in kleine letters met _'),
    z.strictObject({
      uitleg: z.string().optional(),
      /** Only as written (or its stem, or a phrase): never through a typo or the tail of a compound. */
      strikt: z.boolean().default(false),
      woorden: termList,
      exact: termList,
      stammen: termList,
      uitgangen: termList,
      zinnen: termList,
      behalve: termList,
    }),
  ),
});
export type LexiconDefinition = z.infer<typeof lexiconSchema>;
