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

function input(field: FormField): Element {
  const common = { id: field.key, label: field.label, isRequired: field.required, ...(field.required ? { errorMessage: 'Vul dit in' } : {}) };
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
      ...(problems ? [{ type: 'TextBlock', text: 'Er is nog niets opgeslagen: pas aan wat hieronder in rood staat.', color: 'Attention', wrap: true }] : []),
      ...form.fields.flatMap((f) => [input(f), ...notes(f)]),
    ],
    actions: [{ type: 'Action.Submit', title: form.submitLabel, style: 'positive', data }],
  };
}
