import { fold } from '../text/normalize.js';
import { type Draft, type FieldSpec, fieldsOf } from './fields.js';
import type { RegisterName } from './model.js';

/**
 * The guided registration: one question per field, then a summary to save,
 * change or cancel. Pure: it gets the answer and returns the next question;
 * saving is done by the caller.
 */
export interface FlowState {
  register: RegisterName;
  draft: Draft;
  /** A field key, "bevestigen" (the summary) or "wijzigen" (which field to change). */
  step: string;
  /** After changing one field the summary comes back, instead of the next field. */
  returnToSummary: boolean;
  /** Set when an existing entry is being changed. */
  entryId?: string;
}

export interface FlowReply {
  text: string;
  choices: string[];
  state: FlowState | null;
  /** The draft is complete and confirmed: store it. */
  save?: FlowState;
  cancelled?: boolean;
}

/** What the summary adds, e.g. the rule base's verdict on the gift. */
export type SummaryNote = (state: FlowState) => string | null;

const CANCEL = /^(stop|stoppen|annuleer|annuleren|laat maar|afbreken|cancel|toch niet|nee laat maar)$/;
const SAVE = /^(opslaan|ja|klopt|ja,? opslaan|bewaar|bewaren|akkoord|ok|oke|prima|goed)$/;
const CHANGE = /^(wijzigen|wijzig|aanpassen|veranderen|nee|klopt niet)$/;
const SUMMARY_CHOICES = ['Opslaan', 'Wijzigen', 'Annuleren'];

function applies(field: FieldSpec, draft: Draft): boolean {
  return field.when ? field.when(draft) : true;
}

/** Fills in what follows from earlier answers, and forgets what no longer does. */
function normalise(register: RegisterName, draft: Draft): Draft {
  const next = { ...draft };
  for (const field of fieldsOf(register)) {
    if (!applies(field, next)) next[field.key] = field.derive?.(next);
    else if (field.stale?.(next)) next[field.key] = undefined;
  }
  return next;
}

function nextField(register: RegisterName, draft: Draft): FieldSpec | undefined {
  return fieldsOf(register).find((f) => applies(f, draft) && draft[f.key] === undefined);
}

function ask(state: FlowState, field: FieldSpec, prefix = ''): FlowReply {
  return {
    text: `${prefix}${field.ask(state.draft)}`,
    choices: field.choices?.(state.draft) ?? [],
    state: { ...state, step: field.key },
  };
}

export function summaryLines(register: RegisterName, draft: Draft): string[] {
  return fieldsOf(register)
    .filter((f) => applies(f, draft) && draft[f.key] !== undefined)
    .map((f) => `• ${f.label}: ${f.show(draft[f.key])}`);
}

function summary(state: FlowState, note: SummaryNote, prefix = ''): FlowReply {
  const title = state.register === 'geschenk' ? 'Dit komt in het geschenkenregister:' : 'Dit komt in het register van nevenwerkzaamheden:';
  const extra = note(state);
  return {
    text: [`${prefix}${title}`, ...summaryLines(state.register, state.draft), ...(extra ? [extra] : []), 'Klopt dit?'].join('\n'),
    choices: SUMMARY_CHOICES,
    state: { ...state, step: 'bevestigen', returnToSummary: true },
  };
}

function proceed(state: FlowState, note: SummaryNote, prefix = ''): FlowReply {
  const draft = normalise(state.register, state.draft);
  const current = { ...state, draft };
  const field = state.returnToSummary ? undefined : nextField(state.register, draft);
  if (field) return ask(current, field, prefix);
  const missing = nextField(state.register, draft);
  if (missing) return ask({ ...current, returnToSummary: false }, missing, prefix);
  return summary(current, note, prefix);
}

export function startFlow(register: RegisterName, prefill: Draft, note: SummaryNote, entryId?: string): FlowReply {
  const state: FlowState = { register, draft: prefill, step: '', returnToSummary: entryId !== undefined, ...(entryId ? { entryId } : {}) };
  return proceed(state, note);
}

export function answerFlow(state: FlowState, input: string, now: Date, today: string, note: SummaryNote): FlowReply {
  const text = fold(input).replace(/[.!]+$/, '');
  if (CANCEL.test(text)) return { text: '', choices: [], state: null, cancelled: true };
  if (state.step === 'bevestigen') {
    if (SAVE.test(text)) return { text: '', choices: [], state: null, save: state };
    if (CHANGE.test(text)) {
      const fields = fieldsOf(state.register).filter((f) => applies(f, state.draft));
      return { text: 'Wat wil je wijzigen?', choices: fields.map((f) => f.label), state: { ...state, step: 'wijzigen' } };
    }
    return summary(state, note, 'Kies "Opslaan", "Wijzigen" of "Annuleren".\n');
  }
  if (state.step === 'wijzigen') {
    const fields = fieldsOf(state.register).filter((f) => applies(f, state.draft));
    const byNumber = /^\d+$/.test(text) ? fields[Number(text) - 1] : undefined;
    const field = byNumber
      ?? fields.find((f) => fold(f.label) === text)
      ?? fields.find((f) => fold(f.label).startsWith(text) && text.length >= 3);
    if (!field) return { text: 'Welk onderdeel wil je wijzigen? Kies een van de knoppen.', choices: fields.map((f) => f.label), state };
    return ask({ ...state, returnToSummary: true }, field);
  }
  const field = fieldsOf(state.register).find((f) => f.key === state.step);
  if (!field) return proceed(state, note);
  const parsed = field.parse(input, today, now);
  if ('error' in parsed) return ask(state, field, `${capitalise(parsed.error)}.\n`);
  return proceed({ ...state, draft: { ...state.draft, [field.key]: parsed.value } }, note);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
