import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleBaseError } from '../../../src/core/errors.js';
import { loadRuleBase } from '../../../src/core/rulebase/load.js';
import { LABELS } from '../../../src/core/understanding/corpus.js';
import { fromFile, toFile } from '../../../src/core/understanding/model.js';
import { probabilities } from '../../../src/core/understanding/softmax.js';
import { trainWithEvaluation } from '../../../src/core/understanding/training.js';
import { readMessage, vectorOf } from '../../../src/core/understanding/understand.js';
import { SpellingCorrector } from '../../../src/core/understanding/spelling.js';
import { copyOfRules, defaultRuleBase } from '../../helpers/rulebase.js';

function problemsOf(dir: string): string {
  try {
    loadRuleBase(dir);
  } catch (error) {
    if (error instanceof RuleBaseError) return error.message;
    throw error;
  }
  return '';
}

describe('the trained model beside the corpus', () => {
  it('the checked-in model was trained on the checked-in corpus', () => {
    expect(problemsOf(copyOfRules())).toBe('');
    expect(defaultRuleBase().corpusSize).toBeGreaterThan(4000);
  });

  it('a changed corpus makes the model stale: the rule base refuses to load and says how to fix it', () => {
    const dir = copyOfRules((d) => {
      appendFileSync(join(d, 'taal', 'voorbeelden', 'geschenk.jsonl'), '{"tekst": "een nieuw voorbeeld", "intentie": "geschenk"}\n');
    });
    const message = problemsOf(dir);
    expect(message).toContain('model.json');
    expect(message).toContain('npm run train');
  });

  it('a wrong example is named by file and line', () => {
    const dir = copyOfRules((d) => {
      appendFileSync(join(d, 'taal', 'voorbeelden', 'help.jsonl'), '{"tekst": "hoi", "intentie": "groeten"}\n');
    });
    expect(problemsOf(dir)).toMatch(/voorbeelden\/help\.jsonl: regel \d+: intentie: onbekende intentie "groeten"/);
  });

  it('a damaged model is named, not loaded', () => {
    const dir = copyOfRules((d) => {
      writeFileSync(join(d, 'taal', 'model.json'), '{"versie": 1}');
    });
    expect(problemsOf(dir)).toContain('model.json');
  });
});

describe('training', () => {
  const lexicon = defaultRuleBase().lexicon;
  const spelling = new SpellingCorrector(['fles', 'wijn', 'gepest', 'bijbaan']);
  const corpus = [
    ...['mag ik een fles wijn aannemen', 'kreeg een taart van een inwoner', 'een kerstpakket van de aannemer', 'bloemen van een klant'].map((tekst) => ({ tekst, intentie: 'geschenk' as const })),
    ...['ik word gepest', 'mijn baas schreeuwt tegen me', 'ze sluiten me buiten', 'een collega scheldt me uit'].map((tekst) => ({ tekst, intentie: 'ongewenst_gedrag' as const })),
    ...['moet ik mijn bijbaan melden', 'ik ben penningmeester van de club', 'ik heb een eigen bedrijf', 'mag ik freelance werken'].map((tekst) => ({ tekst, intentie: 'nevenwerkzaamheden' as const })),
    ...['hallo', 'help', 'wat kun je', 'menu'].map((tekst) => ({ tekst, intentie: 'help' as const })),
    ...['hoeveel verlof heb ik', 'de printer doet het niet', 'wanneer is de kerstborrel', 'waar is kamer 3'].map((tekst) => ({ tekst, intentie: 'onbekend' as const })),
  ].map((e, i) => ({ ...e, file: 'test.jsonl', line: i + 1 }));
  const vector = (tekst: string) => vectorOf(readMessage(lexicon, tekst), spelling);
  const options = { epochs: 10, learningRate: 0.4, l2: 3e-4, seed: 7, minCount: 1, orders: 2 };

  it('is reproducible: the same corpus gives the same model', () => {
    const a = trainWithEvaluation(corpus, (e) => vector(e.tekst), options, 2);
    const b = trainWithEvaluation(corpus, (e) => vector(e.tekst), options, 2);
    expect([...a.model.weights.entries()]).toEqual([...b.model.weights.entries()]);
    expect(a.evaluation).toEqual(b.evaluation);
  });

  it('held-out predictions score every example once, and the stored model answers as the trained one', () => {
    const { model, thresholds, evaluation } = trainWithEvaluation(corpus, (e) => vector(e.tekst), options, 2);
    expect(evaluation.examples).toBe(corpus.length);
    const stored = fromFile(toFile(model, { version: 1, hash: 'x', thresholds, words: [], evaluation: {} }));
    for (const text of ['mag ik een fles wijn aannemen', 'ik word gepest']) {
      const before = probabilities(model, vector(text));
      const after = probabilities(stored, vector(text));
      for (const [k, p] of before.entries()) expect(after[k]).toBeCloseTo(p, 2);
    }
    const best = probabilities(stored, vector('ik word gepest'));
    expect(LABELS[best.indexOf(Math.max(...best))]).toBe('ongewenst_gedrag');
  });
});
