import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RuleBaseError } from '../errors.js';
import { loadTexts } from '../texts/load.js';
import type { Texts } from '../texts/texts.js';
import { IntentClassifier } from '../understanding/classifier.js';
import { loadCorpus, trainingHash } from '../understanding/corpus.js';
import { FEATURE_VERSION } from '../understanding/features.js';
import { Lexicon } from '../understanding/lexicon.js';
import { fromFile, MODEL_FILE, modelFileSchema, ModelFormatError } from '../understanding/model.js';
import { SpellingCorrector } from '../understanding/spelling.js';
import { Reader } from './reader.js';
import {
  type Condition,
  lexiconSchema,
  MELD_KEUZES,
  MELD_SOORTEN,
  type Meldwijzer,
  meldwijzerSchema,
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
export { Reader } from './reader.js';

export interface RuleBase {
  /** Every sentence the bot says, by key (rules/teksten). */
  texts: Texts;
  dir: string;
  organisation: Organisation;
  /** The routes of the meldwijzer (meldwijzer.json); without that file the bot names the routes of organisatie.json. */
  meldwijzer?: Meldwijzer;
  lexicon: Lexicon;
  rules: RuleDefinition[];
  ruleFiles: string[];
  /** The trained intent model (taal/model.json) and the words it corrects typos to. */
  classifier: IntentClassifier;
  spelling: SpellingCorrector;
  /** How many labelled examples the model was trained on. */
  corpusSize: number;
}

export const MELDWIJZER_FILE = 'meldwijzer.json';

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

/** Files beside the rule files that are not rules. */
const NOT_RULES = new Set(['organisatie.json', MELDWIJZER_FILE]);

/**
 * The meldwijzer's routes, when the rule base has them. Every kind of report must have a route for advice
 * and one for reporting, so nobody who asks ends on an empty page; ids are unique because they are counted.
 */
function readMeldwijzer(reader: Reader, dir: string, organisation: Organisation | undefined): Meldwijzer | undefined {
  if (!existsSync(join(dir, MELDWIJZER_FILE))) return undefined;
  const meldwijzer = reader.read(MELDWIJZER_FILE, meldwijzerSchema);
  if (!meldwijzer) return undefined;
  const seen = new Set<string>();
  meldwijzer.routes.forEach((route, i) => {
    if (seen.has(route.id)) reader.problem(MELDWIJZER_FILE, `$.routes[${i}].id`, `de code "${route.id}" staat er twee keer in`);
    seen.add(route.id);
    if (route.intranet && organisation && !(route.intranet in organisation.intranet)) {
      const known = Object.keys(organisation.intranet).join(', ') || 'geen';
      reader.problem(MELDWIJZER_FILE, `$.routes[${i}].intranet`, `"${route.intranet}" staat niet onder "intranet" in organisatie.json (bekend: ${known})`);
    }
  });
  for (const soort of MELD_SOORTEN) {
    for (const keuze of MELD_KEUZES) {
      if (!meldwijzer.routes.some((r) => r.soorten.includes(soort) && r.voor.includes(keuze))) {
        reader.problem(MELDWIJZER_FILE, '$.routes', `geen route voor soort "${soort}" met keuze "${keuze}"; elke soort heeft een route voor advies en voor melden nodig`);
      }
    }
  }
  return meldwijzer;
}

/** Only the meldwijzer's routes, for HR's figures on the command line, which need no model or rules. */
export function readMeldroutes(dir: string): Meldwijzer['routes'] {
  if (!existsSync(join(dir, MELDWIJZER_FILE))) return [];
  return new Reader(dir).read(MELDWIJZER_FILE, meldwijzerSchema)?.routes ?? [];
}

/** Concepts the understanding adds itself, next to those in begrippen.json. */
const BUILT_IN_CONCEPTS = ['bedrag'];

function conceptsIn(condition: Condition, found: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) conceptsIn(c, found);
  else if ('any' in condition) for (const c of condition.any) conceptsIn(c, found);
  else if ('not' in condition) conceptsIn(condition.not, found);
  else if (condition.fact === 'concepts' && typeof condition.value === 'string') found.add(condition.value);
}

export function loadRuleBase(dir: string): RuleBase {
  const reader = new Reader(dir);
  const organisation = reader.read('organisatie.json', organisationSchema);
  const meldwijzer = readMeldwijzer(reader, dir, organisation);
  const lexiconDefinition = reader.read(join('taal', 'begrippen.json'), lexiconSchema);
  let ruleFiles: string[] = [];
  try {
    ruleFiles = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !NOT_RULES.has(f))
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
  const texts = loadTexts(reader, dir);
  if (reader.problems.length > 0 || !organisation || !lexiconDefinition || !trained) {
    throw new RuleBaseError(reader.problems);
  }
  const lexicon = new Lexicon(lexiconDefinition);
  lexicon.useSpelling(trained.spelling);
  return { dir, organisation, ...(meldwijzer ? { meldwijzer } : {}), lexicon, rules, ruleFiles, texts, ...trained };
}
