import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import { RuleBaseError, type RuleBaseProblem } from '../errors.js';
import { IntentClassifier } from '../understanding/classifier.js';
import { loadCorpus, trainingHash } from '../understanding/corpus.js';
import { FEATURE_VERSION } from '../understanding/features.js';
import { Lexicon } from '../understanding/lexicon.js';
import { fromFile, MODEL_FILE, modelFileSchema, ModelFormatError } from '../understanding/model.js';
import { SpellingCorrector } from '../understanding/spelling.js';
import {
  type Condition,
  lexiconSchema,
  type Organisation,
  organisationSchema,
  type RuleDefinition,
  ruleFileSchema,
} from './schema.js';

/**
 * A rule base is a folder: organisatie.json (threshold, contacts, routes),
 * taal/begrippen.json, taal/voorbeelden/ and taal/model.json (how questions are understood)
 * and any number of rule files (*.json) for json-rules-engine. All of it is
 * checked before the bot answers a single question.
 */
export interface RuleBase {
  dir: string;
  organisation: Organisation;
  lexicon: Lexicon;
  rules: RuleDefinition[];
  ruleFiles: string[];
  /** The trained intent model (taal/model.json) and the words it corrects typos to. */
  classifier: IntentClassifier;
  spelling: SpellingCorrector;
  /** How many labelled examples the model was trained on. */
  corpusSize: number;
}

export const STALE_MODEL = 'het model is op andere voorbeelden, begrippen of kenmerken getraind dan er nu staan; train het opnieuw met "npm run train"';

/**
 * The model must match the corpus and lexicon beside it. A stale model is a
 * rule-base error like any other (the bot does not start), not a silent
 * retrain: training takes seconds and its result belongs in version control.
 */
type Trained = Pick<RuleBase, 'classifier' | 'spelling' | 'corpusSize'>;

function readModel(reader: Reader, dir: string): Trained | undefined {
  const corpus = loadCorpus(dir, FEATURE_VERSION);
  for (const p of corpus.problems) reader.problem(p.file, p.line > 0 ? `regel ${String(p.line)}` : '$', p.message);
  const file = reader.read(join('taal', MODEL_FILE), modelFileSchema);
  if (!file) return undefined;
  const stale = file.versie !== FEATURE_VERSION || file.hash !== trainingHash(dir, FEATURE_VERSION);
  if (corpus.problems.length === 0 && stale) {
    reader.problem(join('taal', MODEL_FILE), '$.hash', STALE_MODEL);
  }
  let model;
  try {
    model = fromFile(file);
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    reader.problem(join('taal', MODEL_FILE), '$.gewichten', error.message);
    return undefined;
  }
  return {
    classifier: new IntentClassifier(model),
    spelling: new SpellingCorrector(model.words),
    corpusSize: corpus.examples.length,
  };
}

/** Concepts the understanding adds itself, next to those in begrippen.json. */
const BUILT_IN_CONCEPTS = ['bedrag'];

function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

type Issue = z.core.$ZodIssue;

/**
 * A condition is one of several shapes, so zod reports a mistake deep inside it
 * as "no shape fits" at the top. Follow the shape that got furthest instead, so
 * the path points at the operator or fact that is actually wrong.
 */
function deepestIssues(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  // A branch whose keys are missing or foreign is the wrong shape; among the right ones, the deepest wins.
  const wrongShape = (branch: Issue[]) =>
    branch.filter(
      (i) =>
        i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && /received undefined/.test(i.message)),
    ).length;
  const depth = (branch: Issue[]) =>
    Math.max(...branch.map((i) => i.path.length + (i.code === 'invalid_union' ? 1 : 0)));
  const best
    = [...issue.errors].sort((a, b) => wrongShape(a) - wrongShape(b) || depth(b) - depth(a))[0] ?? [];
  if (wrongShape(best) > 0 && best.length > 0 && issue.errors.every((b) => wrongShape(b) > 0)) {
    return [{ path, message: issue.message }];
  }
  return best.flatMap((i) => deepestIssues(i, path));
}

const SYNTAX_ERRORS: Record<string, string> = {
  InvalidSymbol: 'ongeldig teken',
  InvalidNumberFormat: 'ongeldig getal',
  PropertyNameExpected: 'naam tussen aanhalingstekens verwacht',
  ValueExpected: 'waarde verwacht',
  ColonExpected: 'dubbele punt verwacht',
  CommaExpected: 'komma verwacht',
  CloseBraceExpected: '} verwacht',
  CloseBracketExpected: '] verwacht',
  EndOfFileExpected: 'einde van het bestand verwacht',
  InvalidCommentToken: 'commentaar mag niet in JSON',
  UnexpectedEndOfString: 'tekst zonder afsluitend aanhalingsteken',
  UnexpectedEndOfNumber: 'onvolledig getal',
  InvalidEscapeCharacter: 'ongeldige escape',
  InvalidCharacter: 'ongeldig teken',
};

/** Where a syntax error is, as a person counts: "regel 3, kolom 18". */
function syntaxError(text: string): { where: string; what: string } {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return { where: '$', what: 'onverwacht einde' };
  const before = text.slice(0, first.offset).split('\n');
  return {
    where: `regel ${before.length}, kolom ${(before.at(-1)?.length ?? 0) + 1}`,
    what: SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error),
  };
}

function displayName(dir: string, file: string): string {
  const full = join(dir, file);
  const near = relative(process.cwd(), full);
  return near && !near.startsWith('..') ? near : full;
}

export class Reader {
  readonly problems: RuleBaseProblem[] = [];
  constructor(private readonly dir: string) {}

  read<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
    const name = displayName(this.dir, file);
    let text: string;
    try {
      text = readFileSync(join(this.dir, file), 'utf8');
    } catch (cause) {
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      this.problems.push({
        file: name,
        path: '$',
        message: missing ? 'bestand ontbreekt' : `niet te lezen (${String(cause)})`,
      });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const { where, what } = syntaxError(text);
      this.problems.push({ file: name, path: where, message: `geen geldige JSON (${what})` });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const deep of deepestIssues(issue)) {
          this.problems.push({ file: name, path: jsonPath(deep.path), message: deep.message });
        }
      }
      return undefined;
    }
    return parsed.data;
  }

  problem(file: string, path: string, message: string): void {
    this.problems.push({ file: displayName(this.dir, file), path, message });
  }
}

function conceptsIn(condition: Condition, found: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) conceptsIn(c, found);
  else if ('any' in condition) for (const c of condition.any) conceptsIn(c, found);
  else if ('not' in condition) conceptsIn(condition.not, found);
  else if (condition.fact === 'concepts' && typeof condition.value === 'string') found.add(condition.value);
}

export function loadRuleBase(dir: string): RuleBase {
  const reader = new Reader(dir);
  const organisation = reader.read('organisatie.json', organisationSchema);
  const lexiconDefinition = reader.read(join('taal', 'begrippen.json'), lexiconSchema);
  let ruleFiles: string[] = [];
  try {
    ruleFiles = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'organisatie.json')
      .sort();
  } catch {
    reader.problem('.', '$', 'map met regels niet gevonden');
  }
  if (ruleFiles.length === 0 && reader.problems.length === 0)
    reader.problem('.', '$', 'geen regelbestanden (*.json) gevonden');
  const rules: RuleDefinition[] = [];
  const names = new Map<string, string>();
  for (const file of ruleFiles) {
    const parsed = reader.read(file, ruleFileSchema);
    parsed?.regels.forEach((rule, i) => {
      const earlier = names.get(rule.name);
      if (earlier)
        reader.problem(file, `$.regels[${i}].name`, `de naam "${rule.name}" staat ook in ${earlier}`);
      names.set(rule.name, file);
      rules.push(rule);
    });
  }
  if (lexiconDefinition) {
    const known = new Set([...Object.keys(lexiconDefinition.begrippen), ...BUILT_IN_CONCEPTS]);
    for (const rule of rules) {
      const used = new Set<string>();
      conceptsIn(rule.conditions, used);
      for (const concept of used) {
        if (!known.has(concept))
          reader.problem(names.get(rule.name) ?? '?', `regel "${rule.name}"`, `onbekend begrip "${concept}"`);
      }
    }
  }
  const trained = lexiconDefinition ? readModel(reader, dir) : undefined;
  if (reader.problems.length > 0 || !organisation || !lexiconDefinition || !trained) {
    throw new RuleBaseError(reader.problems);
  }
  const lexicon = new Lexicon(lexiconDefinition);
  lexicon.useSpelling(trained.spelling);
  return { dir, organisation, lexicon, rules, ruleFiles, ...trained };
}
