import type { Texts } from '../texts/texts.js';
import { fold } from '../text/normalize.js';
import {
  applies,
  choicesOf,
  type Draft,
  type FieldDeclaration,
  fieldsOf,
  labelOf,
  optionLabel,
  type Parsed,
  type Problem,
  questionOf,
  readTyped,
  shownValue,
} from './fields.js';
import type { RegisterName } from './model.js';

/**
 * The guided registration: one question per field, then a summary to save, change or cancel. Pure: it
 * gets the answer (typed, or a pressed button's code) and returns the next question; saving is done by
 * the caller. The words come from the text files; buttons carry codes, never sentences to read again.
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

/** A button of the flow: what it says, and the code it sends back. */
export interface FlowChoice {
  label: string;
  code: string;
}

export interface FlowReply {
  text: string;
  choices: FlowChoice[];
  state: FlowState | null;
  /** The draft is complete and confirmed: store it. */
  save?: FlowState;
  cancelled?: boolean;
}

/** What the summary adds, e.g. the rule base's verdict on the gift. */
export type SummaryNote = (state: FlowState) => string | null;

/** A typed answer, or the code of a pressed button ("opslaan", "veld:date", "waarde:gedeeld"). */
export type FlowInput = { text: string } | { code: string };

const CANCEL = /^(stop|stoppen|annuleer|annuleren|laat maar|afbreken|cancel|toch niet|nee laat maar)$/;
const SAVE = /^(opslaan|ja|klopt|ja,? opslaan|bewaar|bewaren|akkoord|ok|oke|prima|goed)$/;
const CHANGE = /^(wijzigen|wijzig|aanpassen|veranderen|nee|klopt niet)$/;

export class RegistrationFlow {
  constructor(
    private readonly texts: Texts,
    private readonly note: SummaryNote,
  ) {}

  start(register: RegisterName, prefill: Draft, entryId?: string): FlowReply {
    const state: FlowState = { register, draft: prefill, step: '', returnToSummary: entryId !== undefined, ...(entryId ? { entryId } : {}) };
    return this.proceed(state);
  }

  answer(state: FlowState, input: FlowInput, now: Date, today: string): FlowReply {
    const code = 'code' in input ? input.code : null;
    const text = 'text' in input ? fold(input.text).replace(/[.!]+$/, '') : '';
    if (code === 'stoppen' || CANCEL.test(text)) return { text: '', choices: [], state: null, cancelled: true };
    if (state.step === 'bevestigen') {
      if (code === 'opslaan' || SAVE.test(text)) return { text: '', choices: [], state: null, save: state };
      if (code === 'wijzigen' || CHANGE.test(text)) return this.whichField(state);
      return this.summary(state, this.texts.t('registers.flow.kies_samenvatting'));
    }
    if (state.step === 'wijzigen') {
      const field = this.fieldToChange(state, code, text);
      return field ? this.ask({ ...state, returnToSummary: true }, field) : this.whichField(state, this.texts.t('registers.flow.welk_onderdeel'));
    }
    const field = fieldsOf(state.register).find((f) => f.key === state.step);
    if (!field) return this.proceed(state);
    const parsed = code?.startsWith('waarde:')
      ? this.chosen(field, code.slice('waarde:'.length), today, now)
      : readTyped(field, 'text' in input ? input.text : '', today, now);
    if ('problem' in parsed) return this.ask(state, field, this.problemText(field, parsed.problem, state.draft));
    return this.proceed({ ...state, draft: { ...state.draft, [field.key]: parsed.value } });
  }

  /** "Datum: 31 februari bestaat niet." — the field named, so the person knows what to change. */
  problemText(field: FieldDeclaration, problem: Problem, draft: Draft): string {
    // A yes-or-no question asked as "betaald of onbetaald?" is answered in its own words, not "ja of nee".
    const shown = field.kind === 'yesno' && problem.key === 'registers.fout.ja_nee'
      ? { key: 'registers.fout.kies_uit', values: { keuzes: this.texts.t('opsomming.of', {
          eerste: `"${optionLabel(this.texts, field, 'ja')}"`,
          laatste: `"${optionLabel(this.texts, field, 'nee')}"`,
        }) } }
      : problem;
    return this.texts.t('registers.flow.probleem', { veld: labelOf(this.texts, field, draft), probleem: this.texts.t(shown.key, shown.values ?? {}) });
  }

  summaryLines(register: RegisterName, draft: Draft): string[] {
    return fieldsOf(register)
      .filter((f) => applies(f, draft) && draft[f.key] !== undefined)
      .map((f) => this.texts.t('registers.samenvatting.regel', { veld: labelOf(this.texts, f, draft), waarde: shownValue(this.texts, f, draft[f.key]) }));
  }

  /** A pressed button's value: an option, yes or no, "geen", or a shortcut like "vandaag" read as if typed. */
  private chosen(field: FieldDeclaration, code: string, today: string, now: Date): Parsed {
    if (field.kind === 'yesno') return { value: code === 'ja' };
    if (field.kind === 'choice') return field.options?.includes(code) ? { value: code } : { problem: { key: 'registers.fout.kies' } };
    if (code === 'geen') return { value: field.kind === 'multichoice' ? [] : null };
    if (field.kind === 'multichoice') return { value: [code] };
    return readTyped(field, code, today, now);
  }

  private fieldToChange(state: FlowState, code: string | null, text: string): FieldDeclaration | undefined {
    const fields = fieldsOf(state.register).filter((f) => applies(f, state.draft));
    if (code?.startsWith('veld:')) return fields.find((f) => f.key === code.slice('veld:'.length));
    const byNumber = /^\d+$/.test(text) ? fields[Number(text) - 1] : undefined;
    const label = (f: FieldDeclaration) => fold(labelOf(this.texts, f, state.draft));
    const word = new RegExp(`\\b${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const exact = fields.find((f) => label(f) === text);
    return byNumber ?? exact ?? fields.find((f) => text.length >= 3 && word.test(label(f)));
  }

  private whichField(state: FlowState, prefix?: string): FlowReply {
    const fields = fieldsOf(state.register).filter((f) => applies(f, state.draft));
    return {
      text: prefix ?? this.texts.t('registers.flow.wat_wijzigen'),
      choices: fields.map((f) => ({ label: labelOf(this.texts, f, state.draft), code: `veld:${f.key}` })),
      state: { ...state, step: 'wijzigen' },
    };
  }

  private ask(state: FlowState, field: FieldDeclaration, prefix?: string): FlowReply {
    const question = questionOf(this.texts, field, state.draft);
    return {
      text: prefix ? `${prefix}\n${question}` : question,
      choices: choicesOf(field).map((value) => ({ label: this.choiceLabel(field, value), code: `waarde:${value}` })),
      state: { ...state, step: field.key },
    };
  }

  private choiceLabel(field: FieldDeclaration, value: string): string {
    const button = `registers.${field.register}.${field.key}.knop.${value}`;
    return this.texts.has(button) ? this.texts.t(button) : optionLabel(this.texts, field, value);
  }

  private summary(state: FlowState, prefix?: string): FlowReply {
    const title = this.texts.t(`registers.${state.register}.samenvatting`);
    const extra = this.note(state);
    const lines = [prefix ? `${prefix}\n${title}` : title, ...this.summaryLines(state.register, state.draft), ...(extra ? [extra] : []), this.texts.t('registers.samenvatting.klopt')];
    return {
      text: lines.join('\n'),
      choices: [
        { label: this.texts.t('registers.knop.opslaan'), code: 'opslaan' },
        { label: this.texts.t('registers.knop.wijzigen'), code: 'wijzigen' },
        { label: this.texts.t('registers.knop.annuleren'), code: 'stoppen' },
      ],
      state: { ...state, step: 'bevestigen', returnToSummary: true },
    };
  }

  private proceed(state: FlowState): FlowReply {
    const draft = normalise(state.register, state.draft);
    const current = { ...state, draft };
    const field = state.returnToSummary ? undefined : nextField(state.register, draft);
    if (field) return this.ask(current, field);
    const missing = nextField(state.register, draft);
    if (missing) return this.ask({ ...current, returnToSummary: false }, missing);
    return this.summary(current);
  }
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

function nextField(register: RegisterName, draft: Draft): FieldDeclaration | undefined {
  return fieldsOf(register).find((f) => applies(f, draft) && draft[f.key] === undefined);
}
