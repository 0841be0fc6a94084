import type { BotReply } from '../../core/messages/model.js';
import type { FormField, FormValues, RegisterForm } from '../../core/registers/form.js';
import type { RegisterName } from '../../core/registers/model.js';
import { escapeMrkdwn, replyBlocks } from './blocks.js';

/**
 * Slack surfaces beyond messages: a register form as a modal (views.open),
 * its submitted state read back into the core's form values, and the App Home
 * with the menu (views.publish).
 */
export const REGISTER_CALLBACK = 'gedragsbot_registratie';
const TITLE_LIMIT = 24;

type Block = Record<string, unknown>;

export interface ModalMetadata {
  register: RegisterName;
  /** Where the confirmation goes: the conversation the button was in, or the person's DM with the app. */
  channel: string | null;
}

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
const option = (o: { value: string; label: string }) => ({ text: plain(o.label.slice(0, 75)), value: o.value });

function element(field: FormField, choose: string): Block {
  const single = typeof field.value === 'string' ? field.value : undefined;
  const list = Array.isArray(field.value) ? field.value : single ? [single] : [];
  const base = { action_id: field.key };
  switch (field.input) {
    case 'choice': {
      const initial = field.options?.find((o) => o.value === single);
      return { type: 'static_select', ...base, placeholder: plain(choose), options: (field.options ?? []).map(option), ...(initial ? { initial_option: option(initial) } : {}) };
    }
    case 'multichoice': {
      const initial = (field.options ?? []).filter((o) => list.includes(o.value));
      return { type: 'checkboxes', ...base, options: (field.options ?? []).map(option), ...(initial.length > 0 ? { initial_options: initial.map(option) } : {}) };
    }
    case 'date':
      return { type: 'datepicker', ...base, ...(single && /^\d{4}-\d{2}-\d{2}$/.test(single) ? { initial_date: single } : {}) };
    case 'number':
      return { type: 'number_input', ...base, is_decimal_allowed: true, min_value: '0', ...(single ? { initial_value: single } : {}) };
    case 'text':
      return { type: 'plain_text_input', ...base, max_length: 200, ...(field.placeholder ? { placeholder: plain(field.placeholder) } : {}), ...(single ? { initial_value: single } : {}) };
  }
}

export function registerModal(form: RegisterForm, metadata: ModalMetadata): Block {
  return {
    type: 'modal',
    callback_id: REGISTER_CALLBACK,
    title: plain(form.title.slice(0, TITLE_LIMIT)),
    submit: plain(form.submitLabel),
    close: plain('Annuleren'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(form.intro) }] },
      ...form.fields.map((field) => ({
        type: 'input',
        block_id: field.key,
        optional: !field.required,
        label: plain(field.label),
        ...(field.hint ? { hint: plain(field.hint) } : {}),
        element: element(field, form.words.choose),
      })),
    ],
  };
}

/** The problems of a submitted form, per block, as Slack shows them under each input. */
export function modalErrors(form: RegisterForm): Record<string, string> {
  return Object.fromEntries(form.fields.filter((f) => f.error).map((f) => [f.key, f.error ?? '']));
}

interface StateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

export function readModal(values: Record<string, Record<string, StateValue>>): FormValues {
  const out: FormValues = {};
  for (const [key, actions] of Object.entries(values)) {
    const state = actions[key];
    if (!state) continue;
    const value = state.selected_options?.map((o) => o.value)
      ?? state.selected_option?.value
      ?? state.selected_date
      ?? state.value
      ?? undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function readMetadata(raw: string): ModalMetadata | null {
  try {
    const parsed = JSON.parse(raw) as Partial<ModalMetadata>;
    if (parsed.register !== 'geschenk' && parsed.register !== 'nevenwerk') return null;
    return { register: parsed.register, channel: typeof parsed.channel === 'string' ? parsed.channel : null };
  } catch {
    return null;
  }
}

/** The App Home tab: the welcome and the menu buttons, the same ones as in a chat. */
export function homeView(menu: BotReply): Block {
  return { type: 'home', blocks: [{ type: 'header', text: plain('Gedragsbot') }, ...replyBlocks(menu)] };
}
