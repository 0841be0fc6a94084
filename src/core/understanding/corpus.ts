import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS, VERDICTS } from '../rulebase/schema.js';

/**
 * The labelled examples the classifier learns from: rules/taal/voorbeelden/*.jsonl,
 * one message per line. Besides the contract's intents there are two labels for
 * later turns: "aanvulling" (only adds or corrects facts of the open topic) and
 * "bevestiging" ("ok, dank je").
 */
export const TURN_LABELS = ['aanvulling', 'bevestiging'] as const;
export const LABELS = [...INTENTS, ...TURN_LABELS] as const;
export type Label = (typeof LABELS)[number];

export const CORPUS_DIR = join('taal', 'voorbeelden');

const exampleSchema = z.strictObject({
  tekst: z.string().min(1, 'lege tekst'),
  intentie: z.enum(LABELS, { error: (i) => `onbekende intentie ${JSON.stringify(i.input)}; verwacht een van: ${LABELS.join(', ')}` }),
  oordeel: z.enum(VERDICTS).optional(),
  bedrag: z.number().nonnegative().nullable().optional(),
});
export type CorpusExample = z.infer<typeof exampleSchema> & { file: string; line: number };

export interface CorpusProblem {
  file: string;
  line: number;
  message: string;
}

export interface Corpus {
  examples: CorpusExample[];
  problems: CorpusProblem[];
  /** Names a model was trained on, so a changed corpus is noticed. */
  hash: string;
}

export function corpusFiles(rulesDir: string): string[] {
  try {
    return readdirSync(join(rulesDir, CORPUS_DIR)).filter((f) => f.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
}

/**
 * What a trained model depends on: the examples, the lexicon (its concepts are
 * features) and the feature version. Line endings and trailing blanks do not count.
 */
export function trainingHash(rulesDir: string, featureVersion: number): string {
  const hash = createHash('sha256');
  hash.update(`features ${String(featureVersion)}\n`);
  for (const file of corpusFiles(rulesDir)) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(rulesDir, CORPUS_DIR, file), 'utf8').replace(/\r\n/g, '\n').trimEnd());
  }
  hash.update('\nbegrippen\n');
  hash.update(readFileSync(join(rulesDir, 'taal', 'begrippen.json'), 'utf8').replace(/\r\n/g, '\n').trimEnd());
  return hash.digest('hex').slice(0, 16);
}

export function loadCorpus(rulesDir: string, featureVersion: number): Corpus {
  const examples: CorpusExample[] = [];
  const problems: CorpusProblem[] = [];
  const files = corpusFiles(rulesDir);
  if (files.length === 0) problems.push({ file: CORPUS_DIR, line: 0, message: 'geen voorbeelden (*.jsonl) gevonden' });
  for (const name of files) {
    const file = join(CORPUS_DIR, name);
    const lines = readFileSync(join(rulesDir, file), 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        problems.push({ file, line: i + 1, message: 'geen geldige JSON' });
        return;
      }
      const parsed = exampleSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
          problems.push({ file, line: i + 1, message: `${where}${issue.message}` });
        }
        return;
      }
      examples.push({ ...parsed.data, file, line: i + 1 });
    });
  }
  return { examples, problems, hash: files.length > 0 ? trainingHash(rulesDir, featureVersion) : '' };
}
