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

/** A text split once at its placeholders: literal, name, literal, name, …, literal. */
type Template = readonly string[];

function templateOf(form: string): Template {
  return form.split(/\{([a-z_]+)\}/);
}

export class Texts {
  /** Every answer fills several texts; splitting each at its placeholders once keeps that cheap. */
  private readonly templates = new Map<string, Template>();

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
    let parts = this.templates.get(form);
    if (!parts) {
      parts = templateOf(form);
      this.templates.set(form, parts);
    }
    let text = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] ?? '';
      const value = values[name];
      // An unknown placeholder stays visible, so a wrong key in a text file shows up in review.
      text += (value === undefined ? `{${name}}` : String(value)) + (parts[i + 1] ?? '');
    }
    return text;
  }
}
