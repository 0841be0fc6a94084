import type { FormField, RegisterForm } from '../../core/registers/form.js';

/**
 * A register form as an Adaptive Card 1.5: one input per field, the problems
 * of the last submission in red under their field, and one Action.Submit whose
 * data names the form. Teams merges the inputs into that data.
 */
export interface FormSubmitData {
  form: RegisterForm['register'];
  action: 'formulier';
}

type Element = Record<string, unknown>;

function input(field: FormField, required: string): Element {
  const { key: id, label, required: isRequired } = field;
  const common = { id, label, isRequired, ...(isRequired ? { errorMessage: required } : {}) };
  const value = Array.isArray(field.value) ? field.value.join(',') : field.value;
  const withValue = value === undefined ? {} : { value };
  switch (field.input) {
    case 'choice':
    case 'multichoice':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        isMultiSelect: field.input === 'multichoice',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...withValue,
      };
    case 'date':
      return { type: 'Input.Date', ...common, ...withValue };
    case 'number':
      return { type: 'Input.Number', ...common, min: 0, ...(value === undefined ? {} : { value: Number(value) }) };
    case 'text':
      return { type: 'Input.Text', ...common, maxLength: 200, ...(field.placeholder ? { placeholder: field.placeholder } : {}), ...withValue };
  }
}

function notes(field: FormField): Element[] {
  const out: Element[] = [];
  if (field.error) out.push({ type: 'TextBlock', text: field.error, color: 'Attention', wrap: true, spacing: 'None', size: 'Small' });
  else if (field.hint) out.push({ type: 'TextBlock', text: field.hint, isSubtle: true, wrap: true, spacing: 'None', size: 'Small' });
  return out;
}

export function formCard(form: RegisterForm): Element {
  const problems = form.fields.some((f) => f.error);
  const data: FormSubmitData = { form: form.register, action: 'formulier' };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: form.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: form.intro, wrap: true, isSubtle: true },
      ...(problems ? [{ type: 'TextBlock', text: form.words.problems, color: 'Attention', wrap: true }] : []),
      ...form.fields.flatMap((f) => [input(f, form.words.required), ...notes(f)]),
    ],
    actions: [{ type: 'Action.Submit', title: form.submitLabel, style: 'positive', data }],
  };
}
