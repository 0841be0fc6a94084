import { format, isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import { GedragsbotError } from '../core/errors.js';

/** A calendar day that exists, written as 2026-01-31. */
export const dayOption = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValid(parseISO(v)) && format(parseISO(v), 'yyyy-MM-dd') === v, {
    message: 'een bestaande datum als 2026-01-31',
  });

/** Checks a command's options; a mistake names the option and what it takes. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown, command: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
  throw new GedragsbotError('INPUT_INVALID', `Ongeldige optie voor ${command}:\n${why}`);
}

/** "1 geschenk", "3 geschenken": a number with the word that fits it. */
export function count(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}
