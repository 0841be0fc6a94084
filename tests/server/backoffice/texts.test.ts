import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../../src/core/rulebase/schema.js';
import { readTexts } from '../../../src/core/texts/load.js';
import { DECISIONS, MEASURES } from '../../../src/store/services/workspace.js';

/** Every sentence of the back office is in rules/teksten/backoffice.json, and an organisation can reword them. */
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('back-office texts', () => {
  const texts = readTexts();

  it('has every key the code asks for, also the composed ones', () => {
    const used = new Set<string>();
    for (const file of files(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\.t\(\s*'([a-z_.0-9]+)'/g)) used.add(m[1]!);
    }
    const composed = [
      ...DECISIONS.map((d) => `besluit.${d}`),
      ...MEASURES.map((m) => `maatregel.${m}`),
      ...INTENTS.map((i) => `thema.${i}`),
      ...Array.from({ length: 12 }, (_, i) => `maand.${String(i + 1)}`),
      ...['open', 'bekeken', 'ingetrokken', 'alle'].map((s) => `status.${s}`),
      ...['vragen', 'jaren', 'doorverwijzingen', 'registraties', 'deelname', 'meldroutes'].flatMap((t) => [`hr.${t}.titel`, `hr.${t}.uitleg`]),
      ...['medewerker', 'coordinator', 'systeem'].map((a) => `actor.${a}`),
      ...['aangemaakt', 'gewijzigd', 'ingetrokken', 'beoordeeld', 'verwijderd'].map((a) => `actie.${a}`),
    ];
    expect(used.size).toBeGreaterThan(50);
    for (const key of [...used, ...composed]) expect(texts.has(key), key).toBe(true);
  });

  it('an organisation rewords a sentence in its own rule base; an unknown key or placeholder stops the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gedragsbot-teksten-'));
    mkdirSync(join(dir, 'teksten'));
    const file = join(dir, 'teksten', 'backoffice.json');
    const own = (teksten: Record<string, string>) => {
      writeFileSync(file, JSON.stringify({ teksten }));
    };
    own({ 'werkplek.titel': 'Meldingen', 'melding.bericht': 'Besluit over {code}: {besluit}.' });
    const reworded = readTexts(dir);
    expect(reworded.t('werkplek.titel')).toBe('Meldingen');
    expect(reworded.t('melding.bericht', { code: 'G-7K3Q', besluit: 'akkoord' })).toBe('Besluit over G-7K3Q: akkoord.');
    expect(reworded.t('nav.hr')).toBe('HR-dashboard');
    own({ 'werkplek.titell': 'x' });
    expect(() => readTexts(dir)).toThrow(/werkplek\.titell.*onbekende sleutel/);
    own({ 'melding.bericht': 'Besluit over {registratie}' });
    expect(() => readTexts(dir)).toThrow(/onbekende invulplek \{registratie\}/);
  });
});
