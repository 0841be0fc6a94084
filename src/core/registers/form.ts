import type { Texts } from '../texts/texts.js';
import {
  applies,
  checkDraft,
  checkValue,
  type Draft,
  type FieldDeclaration,
  type FieldKind,
  fieldsOf,
  optional,
  optionLabel,
  type Parsed,
  type Problem,
  readTyped,
} from './fields.js';
import type { RegisterName } from './model.js';

/**
 * The registers as one form, for channels that have forms: a Slack modal, an Adaptive Card in Teams.
 * Neutral like the message model; each channel renders it its own way. Built from the same field
 * declarations as the conversation, and a submitted form is read with the same readers, so "ongeveer
 * 40 euro" or "vorige week vrijdag" work here too; a form with problems comes back with every value kept
 * and each problem next to its field.
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
  /** Words a channel needs around the inputs: a select's "Kies…", an empty required field, the note on problems. */
  words: { choose: string; required: string; problems: string };
  fields: FormField[];
}

export type FormResult = { ok: true; draft: Draft } | { ok: false; form: RegisterForm };

const INPUTS: Record<FieldKind, FormField['input']> = {
  choice: 'choice',
  multichoice: 'multichoice',
  yesno: 'choice',
  text: 'text',
  amount: 'text',
  number: 'number',
  date: 'date',
};

function formOptions(texts: Texts, field: FieldDeclaration): FormOption[] | undefined {
  if (field.kind === 'yesno') return ['ja', 'nee'].map((value) => ({ value, label: optionLabel(texts, field, value) }));
  const values = field.formOptions ?? field.options;
  return values?.map((value) => ({ value, label: optionLabel(texts, field, value) }));
}

/** How a stored draft value looks in the form again. */
function shown(field: FieldDeclaration, value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value)) return (value as unknown[]).map((v) => String(v));
  if (field.formOptions && typeof value === 'string' && !field.formOptions.includes(value)) return undefined;
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

export function registerForm(
  texts: Texts,
  register: RegisterName,
  prefill: Draft = {},
  errors: Record<string, string> = {},
  raw: FormValues = {},
): RegisterForm {
  const fields = fieldsOf(register).map((field): FormField => {
    const value = raw[field.key] ?? shown(field, prefill[field.key]);
    const error = errors[field.key];
    const options = formOptions(texts, field);
    const placeholder = optional(texts, field, 'voorbeeld');
    const hint = optional(texts, field, 'uitleg');
    return {
      key: field.key,
      label: texts.t(`registers.${register}.${field.key}.formulier`),
      input: INPUTS[field.kind],
      required: field.empty === undefined && !field.when,
      ...(options ? { options } : {}),
      ...(placeholder ? { placeholder } : {}),
      ...(hint ? { hint } : {}),
      ...(value === undefined || value === '' ? {} : { value }),
      ...(error ? { error } : {}),
    };
  });
  return {
    register,
    title: texts.t(`registers.${register}.formulier.titel`),
    intro: texts.t(`registers.${register}.formulier.uitleg`),
    submitLabel: texts.t('registers.knop.opslaan'),
    words: {
      choose: texts.t('registers.formulier.kies'),
      required: texts.t('registers.formulier.verplicht'),
      problems: texts.t('registers.formulier.problemen'),
    },
    fields,
  };
}

function isEmpty(raw: FormValue): boolean {
  return raw === undefined || (typeof raw === 'string' ? raw.trim() === '' : raw.length === 0);
}

function readOne(field: FieldDeclaration, raw: FormValue, today: string, now: Date): Parsed | null {
  if (raw === undefined || isEmpty(raw)) return null;
  if (field.kind === 'multichoice') {
    const list = (Array.isArray(raw) ? raw : raw.split(',')).map((v) => v.trim()).filter(Boolean);
    return checkValue(field, list, today);
  }
  const text = Array.isArray(raw) ? raw.join(' ') : raw.trim();
  if (field.kind === 'yesno') return text === 'ja' || text === 'nee' ? { value: text === 'ja' } : { problem: { key: 'registers.fout.ja_nee' } };
  if (field.kind === 'choice') return checkValue(field, text, today);
  return readTyped(field, text, today, now);
}

/** Reads a submitted form into a complete draft, or returns the form with the problems marked. */
export function readForm(texts: Texts, register: RegisterName, raw: FormValues, today: string, now: Date): FormResult {
  const draft: Draft = {};
  const problems: Record<string, Problem> = {};
  for (const field of fieldsOf(register)) {
    const parsed = readOne(field, raw[field.key], today, now);
    if (!parsed) continue;
    if ('problem' in parsed) problems[field.key] = parsed.problem;
    else draft[field.key] = parsed.value;
  }
  for (const field of fieldsOf(register)) {
    if (!applies(field, draft)) {
      draft[field.key] = field.derive?.(draft);
      Reflect.deleteProperty(problems, field.key);
    } else if (draft[field.key] === undefined && !problems[field.key]) {
      if (field.empty === undefined) problems[field.key] = { key: 'registers.fout.leeg' };
      else draft[field.key] = field.empty;
    }
  }
  if (Object.keys(problems).length === 0) {
    const checked = checkDraft(register, draft, today);
    if (checked.ok) return { ok: true, draft: checked.value };
    Object.assign(problems, checked.problems);
  }
  const errors = Object.fromEntries(Object.entries(problems).map(([key, p]) => [key, texts.t(p.key, p.values ?? {})]));
  return { ok: false, form: registerForm(texts, register, draft, errors, raw) };
}
