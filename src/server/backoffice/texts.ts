import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../config.js';
import { GedragsbotError } from '../../core/errors.js';

/**
 * Every sentence of the back office (sign-in, dashboard, workspace, the notice an employee gets) comes
 * from rules/teksten/backoffice.json: key → sentence with {placeholders}, so an organisation rewords
 * without code. An organisation's own file (in GEDRAGSBOT_RULES_DIR) may leave keys out: those keep the
 * default. Unknown keys and unknown placeholders stop the start with the file and key named.
 */
const FILE = join('teksten', 'backoffice.json');

const file = z.object({ uitleg: z.string().optional(), teksten: z.record(z.string(), z.string().min(1).max(2000)) });

export type TextVars = Record<string, string | number>;

export class Texts {
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** The sentence for `key` with its placeholders filled in. */
  t(key: string, vars: TextVars = {}): string {
    const text = this.texts.get(key);
    if (text === undefined) throw new GedragsbotError('INTERNAL', `Tekst ${key} ontbreekt in rules/${FILE}`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  keys(): string[] {
    return [...this.texts.keys()];
  }
}

function read(path: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GedragsbotError('RULEBASE_INVALID', `${path}: geen geldige JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = file.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${path}: $.${i.path.join('.')}: ${i.message}`);
    throw new GedragsbotError('RULEBASE_INVALID', `De teksten van het backoffice zijn ongeldig:\n${lines.join('\n')}`);
  }
  return new Map(Object.entries(parsed.data.teksten));
}

/** The package's texts, with an organisation's own file (if its rule base has one) laid over them. */
export function loadTexts(rulesDir?: string): Texts {
  const defaults = read(join(packageRoot(), 'rules', FILE));
  const own = rulesDir ? join(rulesDir, FILE) : undefined;
  if (!own || !existsSync(own) || own === join(packageRoot(), 'rules', FILE)) return new Texts(defaults);
  const overrides = read(own);
  const problems: string[] = [];
  for (const [key, text] of overrides) {
    const original = defaults.get(key);
    if (original === undefined) {
      problems.push(`  ${own}: $.teksten.${key}: onbekende tekst; de bekende staan in rules/${FILE}`);
      continue;
    }
    const allowed = new Set([...original.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
      if (!allowed.has(name)) problems.push(`  ${own}: $.teksten.${key}: onbekende invulplek {${name ?? ''}}; mogelijk: ${[...allowed].map((a) => `{${a ?? ''}}`).join(', ') || 'geen'}`);
    }
  }
  if (problems.length > 0) throw new GedragsbotError('RULEBASE_INVALID', `De teksten van het backoffice zijn ongeldig:\n${problems.join('\n')}`);
  return new Texts(new Map([...defaults, ...overrides]));
}

/** The Dutch words of HR's statistics (CLI, /api/stats): never an internal key. */
export function statsLabels(t: Texts): import('../../reports/stats-format.js').StatsLabels {
  const word = (prefix: string, key: string) => (t.has(`${prefix}.${key}`) ? t.t(`${prefix}.${key}`) : undefined);
  return {
    key: (by, key) => {
      if (by === 'intent') return word('thema', key) ?? key;
      if (by === 'channel') return word('kanaal', key) ?? key;
      if (by === 'verdict') {
        const dilemma = /^([a-z0-9-]+):([a-z0-9]+)$/.exec(key);
        if (dilemma) return t.t('oordeel.dilemma_keuze', { dilemma: dilemma[1] ?? '', keuze: (dilemma[2] ?? '').toUpperCase() });
        return word('oordeel', key) ?? key;
      }
      return key;
    },
    by: (by) => t.t(`per.${by}`),
    event: (event) => word('gebeurtenis', event) ?? event,
    total: t.t('tabel.totaal'),
    noData: t.t('tabel.geen_gegevens'),
    legend: (minimum) => t.t('hr.legenda', { minimum }),
    yearTitle: (year) => t.t('hr.rapport_titel', { jaar: year }),
    tableTitle: (id, year) => t.t(`hr.${id}.titel`, { jaar: year }),
  };
}
