import { fieldName, giftSchema, sideJobSchema } from './validate.js';
import { type Draft, fieldsOf, type Parsed } from './fields.js';
import { LABELS, type RegisterName } from './model.js';

/**
 * The registers as one form, for channels that have forms: a Slack modal, an
 * Adaptive Card in Teams. Neutral like the message model; each channel renders
 * it its own way. A submitted form is read with the same parsers as the
 * conversation, so "ongeveer 40 euro" or "vorige week vrijdag" work here too,
 * and a form with problems comes back with every value kept and each problem
 * next to its field.
 */
export type FormValue = string | string[] | undefined;
export type FormValues = Record<string, FormValue>;

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  key: string;
  label: string;
  input: 'text' | 'date' | 'number' | 'choice' | 'multichoice';
  required: boolean;
  options?: FormOption[];
  placeholder?: string;
  /** Shown under the field, e.g. when it applies only to some answers. */
  hint?: string;
  /** As previously entered or carried over from the conversation. */
  value?: string | string[];
  /** What was wrong with the value submitted last time. */
  error?: string;
}

export interface RegisterForm {
  register: RegisterName;
  title: string;
  intro: string;
  submitLabel: string;
  fields: FormField[];
}

export type FormResult = { ok: true; draft: Draft } | { ok: false; form: RegisterForm };

const options = (labels: Record<string, string>, only?: string[]): FormOption[] =>
  Object.entries(labels)
    .filter(([value]) => !only || only.includes(value))
    .map(([value, label]) => ({ value, label: label.charAt(0).toUpperCase() + label.slice(1) }));

const YES_NO: FormOption[] = [{ value: 'ja', label: 'Ja' }, { value: 'nee', label: 'Nee' }];

const GIFT_FORM: FormField[] = [
  { key: 'direction', label: 'Gekregen of aangeboden', input: 'choice', required: true, options: options(LABELS.direction) },
  { key: 'date', label: 'Datum', input: 'date', required: true },
  { key: 'description', label: 'Omschrijving', input: 'text', required: true, placeholder: 'bijv. fles wijn, kerstpakket' },
  { key: 'valueEuros', label: 'Geschatte waarde in euro', input: 'text', required: false, placeholder: 'bijv. 35', hint: 'Leeg laten als je het niet weet.' },
  { key: 'giverOrg', label: 'Van welke organisatie', input: 'text', required: true, placeholder: 'bijv. Bouwbedrijf De Vries, een inwoner' },
  { key: 'giverRelation', label: 'Relatie met de gever', input: 'choice', required: true, options: options(LABELS.giverRelation) },
  { key: 'accepted', label: 'Aangenomen', input: 'choice', required: true, options: [{ value: 'ja', label: 'Ja, aangenomen' }, { value: 'nee', label: 'Nee, afgeslagen' }] },
  {
    key: 'outcome',
    label: 'Wat ermee gebeurd is',
    input: 'choice',
    required: false,
    options: options(LABELS.outcome, ['gehouden', 'gedeeld', 'goed_doel', 'teruggegeven', 'afgegeven']),
    hint: 'Alleen als je het hebt aangenomen.',
  },
];

const SIDEJOB_FORM: FormField[] = [
  { key: 'kind', label: 'Soort', input: 'choice', required: true, options: options(LABELS.sideJobKind) },
  { key: 'organisation', label: 'Organisatie', input: 'text', required: false, hint: 'Niet nodig bij "geen nevenwerkzaamheden".' },
  { key: 'role', label: 'Functie, rol of soort belang', input: 'text', required: false, placeholder: 'bijv. penningmeester, aandelen' },
  { key: 'paid', label: 'Betaald', input: 'choice', required: false, options: YES_NO },
  { key: 'hoursPerWeek', label: 'Uren per week', input: 'number', required: false, hint: 'Leeg laten als het wisselt.' },
  { key: 'startDate', label: 'Sinds', input: 'date', required: false },
  { key: 'endDate', label: 'Einddatum', input: 'date', required: false, hint: 'Leeg laten als er geen einddatum is.' },
  { key: 'relations', label: 'Relatie met de werkgever', input: 'multichoice', required: false, options: options(LABELS.employerRelation) },
  { key: 'publish', label: 'Openbaar maken (topfunctionarissen)', input: 'choice', required: false, options: YES_NO },
];

const TITLES: Record<RegisterName, { title: string; intro: string }> = {
  geschenk: {
    title: 'Geschenk registreren',
    intro: 'Alleen jij en de integriteitscoördinator zien wat je hier invult. Je kunt het later wijzigen of intrekken.',
  },
  nevenwerk: {
    title: 'Nevenwerk registreren',
    intro: 'Registreer een nevenwerkzaamheid of -functie, een financieel belang, of dat je geen nevenwerkzaamheden hebt. Alleen jij en de integriteitscoördinator zien dit.',
  },
};

/** How a stored draft value looks in the form again. */
function shown(key: string, value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value)) return (value as unknown[]).map((v) => String(v));
  if (key === 'outcome' && value === 'afgeslagen') return undefined;
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

export function registerForm(
  register: RegisterName,
  prefill: Draft = {},
  errors: Record<string, string> = {},
  raw: FormValues = {},
): RegisterForm {
  const fields = (register === 'geschenk' ? GIFT_FORM : SIDEJOB_FORM).map((field): FormField => {
    const value = raw[field.key] ?? shown(field.key, prefill[field.key]);
    const error = errors[field.key];
    return { ...field, ...(value === undefined || value === '' ? {} : { value }), ...(error ? { error } : {}) };
  });
  return { register, ...TITLES[register], submitLabel: 'Opslaan', fields };
}

function isEmpty(raw: FormValue): boolean {
  return raw === undefined || (typeof raw === 'string' ? raw.trim() === '' : raw.length === 0);
}

function readOne(register: RegisterName, field: FormField, raw: FormValue, today: string, now: Date): Parsed | null {
  if (raw === undefined || isEmpty(raw)) return null;
  if (field.input === 'multichoice') {
    const list = (Array.isArray(raw) ? raw : raw.split(',')).map((v) => v.trim()).filter(Boolean);
    const known = new Set(field.options?.map((o) => o.value));
    const unknown = list.find((v) => !known.has(v));
    return unknown ? { error: `${fieldName(field.key)}: "${unknown}" is geen keuze` } : { value: list };
  }
  const text = Array.isArray(raw) ? raw.join(' ') : raw.trim();
  if (field.input === 'choice') {
    if (!field.options?.some((o) => o.value === text)) return { error: `${fieldName(field.key)}: kies een van de mogelijkheden` };
    return { value: field.options === YES_NO || field.key === 'accepted' ? text === 'ja' : text };
  }
  const spec = fieldsOf(register).find((f) => f.key === field.key);
  return spec ? spec.parse(text, today, now) : { value: text };
}

/** Reads a submitted form into a complete draft, or returns the form with the problems marked. */
export function readForm(register: RegisterName, raw: FormValues, today: string, now: Date): FormResult {
  const form = register === 'geschenk' ? GIFT_FORM : SIDEJOB_FORM;
  const draft: Draft = {};
  const errors: Record<string, string> = {};
  for (const field of form) {
    const parsed = readOne(register, field, raw[field.key], today, now);
    if (!parsed) continue;
    if ('error' in parsed) errors[field.key] = withoutFieldName(parsed.error);
    else draft[field.key] = parsed.value;
  }
  for (const spec of fieldsOf(register)) {
    const applies = spec.when ? spec.when(draft) : true;
    if (!applies) {
      draft[spec.key] = spec.derive?.(draft);
      Reflect.deleteProperty(errors, spec.key);
    } else if (draft[spec.key] === undefined && !errors[spec.key]) {
      const optional = emptyMeans(spec.key);
      if (optional === undefined) errors[spec.key] = 'vul dit in';
      else draft[spec.key] = optional;
    }
  }
  if (Object.keys(errors).length === 0) {
    const schema = register === 'geschenk' ? giftSchema(today) : sideJobSchema(today);
    const checked = schema.safeParse(draft);
    if (checked.success) return { ok: true, draft: checked.data };
    for (const issue of checked.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
  }
  return { ok: false, form: registerForm(register, draft, errors, raw) };
}

/** What leaving an optional field empty means; undefined when it must be filled in. */
function emptyMeans(key: string): unknown {
  switch (key) {
    case 'valueEuros':
    case 'hoursPerWeek':
    case 'endDate':
    case 'startDate':
      return null;
    case 'relations':
      return [];
    case 'publish':
    case 'paid':
      return false;
    default:
      return undefined;
  }
}

function withoutFieldName(message: string): string {
  const colon = message.indexOf(': ');
  return colon >= 0 ? message.slice(colon + 2) : message;
}
