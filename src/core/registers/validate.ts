import { GedragsbotError } from '../errors.js';
import { checkDraft } from './fields.js';
import type { GiftInput, RegisterName, SideJobInput } from './model.js';

/**
 * The last check before anything is stored, with the same field declarations as the conversation and
 * the form: whatever the way in, an entry that does not fit is refused and nothing is kept.
 */
function check(register: RegisterName, input: unknown, today: string): Record<string, unknown> {
  const checked = checkDraft(register, (input ?? {}) as Record<string, unknown>, today);
  if (checked.ok) return checked.value;
  const fields = Object.entries(checked.problems).map(([field, problem]) => `${field}: ${problem.key}`);
  throw new GedragsbotError('INPUT_INVALID', `Ongeldige registratie: ${fields.join('; ')}`, { userText: 'registers.fout.niet_opgeslagen' });
}

export function validateGift(input: unknown, today: string): GiftInput {
  return check('geschenk', input, today) as unknown as GiftInput;
}

export function validateSideJob(input: unknown, today: string): SideJobInput {
  return check('nevenwerk', input, today) as unknown as SideJobInput;
}
