import { z } from 'zod';

/**
 * Every sentence a person sees, by key, from the text files in `rules/teksten/`. A text may name
 * placeholders ("{organisatie}") and may come in a singular and a plural form, chosen by {aantal}.
 * An organisation rewords a text by editing the file; the code only knows the key.
 */
export type TextValue = string | { een: string; meer: string };
export type TextValues = Record<string, string | number>;

const PLACEHOLDER = /\{([a-z_]+)\}/g;

export const textFileSchema = z
  .object({
    uitleg: z.string().optional(),
    teksten: z.record(
      z.string().regex(/^[a-z0-9_]+(\.[a-zA-Z0-9_]+)*$/, 'een sleutel als "groep.naam" (letters, cijfers, _ en .)'),
      z.union([
        z.string().min(1, 'een tekst mag niet leeg zijn'),
        z.object({ een: z.string().min(1), meer: z.string().min(1) }).strict(),
      ]),
    ),
  })
  .strict();

export function placeholdersOf(value: TextValue): Set<string> {
  const all = typeof value === 'string' ? value : `${value.een} ${value.meer}`;
  return new Set([...all.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));
}

export class Texts {
  constructor(private readonly entries: ReadonlyMap<string, TextValue>) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The text for `key` with its placeholders filled in; a missing key is a bug, so it throws. */
  t(key: string, values: TextValues = {}): string {
    const entry = this.entries.get(key);
    if (entry === undefined) throw new Error(`Tekst "${key}" ontbreekt in rules/teksten`);
    const form = typeof entry === 'string' ? entry : values.aantal === 1 ? entry.een : entry.meer;
    return form.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }
}
