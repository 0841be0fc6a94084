import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../package-root.js';
import { RuleBaseError } from '../errors.js';
import { Reader } from '../rulebase/reader.js';
import { placeholdersOf, textFileSchema, Texts, type TextValue } from './texts.js';

/**
 * The texts of a rule base: the files in its `teksten/` folder over the texts that ship with the bot. An
 * organisation may reword any text and leave the rest out (it then keeps the shipped wording, also for
 * texts a later version adds), but a key the bot does not know, or a placeholder the shipped text does not
 * have, is a mistake and is reported with file and key.
 */
const FOLDER = 'teksten';

function readFolder(reader: Reader, folder: string, into: Map<string, TextValue>, origin: Map<string, string>): void {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return;
  }
  for (const file of files) {
    const parsed = reader.read(join(FOLDER, file), textFileSchema);
    for (const [key, value] of Object.entries(parsed?.teksten ?? {})) {
      const earlier = origin.get(key);
      if (earlier && earlier !== file) reader.problem(join(FOLDER, file), `$.teksten["${key}"]`, `deze sleutel staat ook in ${earlier}`);
      origin.set(key, file);
      into.set(key, value);
    }
  }
}

let shipped: { texts: ReadonlyMap<string, TextValue>; problems: Reader['problems'] } | undefined;

/** The texts that ship with the bot (rules/teksten of this package), read once per process. */
function shippedTexts(): NonNullable<typeof shipped> {
  if (!shipped) {
    const rules = join(packageRoot(), 'rules');
    const reader = new Reader(rules);
    const texts = new Map<string, TextValue>();
    readFolder(reader, join(rules, FOLDER), texts, new Map());
    shipped = { texts, problems: reader.problems };
  }
  return shipped;
}

export function loadTexts(reader: Reader, dir: string): Texts {
  const { texts: defaults, problems } = shippedTexts();
  reader.problems.push(...problems);
  // The shipped rule base reads its own texts only once.
  if (resolve(dir) === resolve(packageRoot(), 'rules')) return new Texts(defaults);
  const own = new Map<string, TextValue>();
  readFolder(reader, join(dir, FOLDER), own, new Map());
  for (const [key, value] of own) {
    const base = defaults.get(key);
    if (base === undefined) {
      reader.problem(FOLDER, `$.teksten["${key}"]`, 'onbekende sleutel: deze tekst gebruikt de bot niet');
      continue;
    }
    const allowed = placeholdersOf(base);
    for (const name of placeholdersOf(value)) {
      if (!allowed.has(name)) {
        const known = [...allowed].map((a) => `{${a}}`).join(', ') || 'geen';
        reader.problem(FOLDER, `$.teksten["${key}"]`, `onbekende invulplek {${name}}; deze tekst kent: ${known}`);
      }
    }
  }
  return new Texts(new Map([...defaults, ...own]));
}

/** Only the texts of a rule base, for commands that need no rules (the poll commands on the command line). */
export function readTexts(dir: string = join(packageRoot(), 'rules')): Texts {
  const reader = new Reader(dir);
  const texts = loadTexts(reader, dir);
  if (reader.problems.length > 0) throw new RuleBaseError(reader.problems);
  return texts;
}
