import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DilemmaError, loadDilemmas } from '../../../src/core/dilemmas/load.js';
import { DILEMMA_THEMES } from '../../../src/core/dilemmas/schema.js';
import { runCli } from '../../helpers/cli.js';
import { CARDS_DIR, defaultDilemmas } from '../../helpers/rulebase.js';

function copyOfCards(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gedragsbot-cards-'));
  cpSync(CARDS_DIR, dir, { recursive: true });
  return dir;
}

describe('the dilemma cards', () => {
  it('has at least 15 valid cards covering every theme, including the practice cases from the reports', () => {
    const deck = defaultDilemmas();
    expect(deck.cards.length).toBeGreaterThanOrEqual(15);
    for (const theme of DILEMMA_THEMES) expect(deck.ofTheme(theme).length, theme).toBeGreaterThan(0);
    for (const id of ['grote-fles-champagne', 'diner-met-overnachting', 'overgebleven-parkeerkaarten', 'nevenfunctie-politieke-partij', 'adres-online-gezet', 'methodiek-voor-commerciele-partij']) {
      expect(deck.get(id), id).toBeDefined();
    }
    for (const card of deck.cards) {
      expect(card.opties.length).toBeGreaterThanOrEqual(3);
      expect(card.regel).toMatch(/^Gedragscode/);
    }
  });

  it('names file, path and problem of a wrong card, and checks them all at once', () => {
    const dir = copyOfCards();
    writeFileSync(join(dir, 'kapot.json'), JSON.stringify({ titel: 'X', thema: 'roddel', situatie: 'te kort', opties: [], regel: 'R', gespreksvragen: [] }));
    writeFileSync(join(dir, 'Niet Goed.json'), '{}');
    writeFileSync(join(dir, 'syntax.json'), '{"titel": "a",,}');
    try {
      loadDilemmas(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DilemmaError);
      const message = (error as Error).message;
      expect(message).toContain('kapot.json: $.thema: een van: geschenken');
      expect(message).toContain('kapot.json: $.opties: minstens 3 keuzes');
      expect(message).toContain('Niet Goed.json: $: bestandsnaam');
      expect(message).toContain('syntax.json: regel 1, kolom 15: geen geldige JSON');
    }
  });

  it('`gedragsbot dilemmas check` says all is well, or what is wrong with exit code 1', async () => {
    const good = await runCli(['dilemmas', 'check']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^\d+ dilemmakaarten, alle in orde\./);
    const dir = copyOfCards();
    writeFileSync(join(dir, 'zonder-vragen.json'), JSON.stringify({ ...defaultDilemmas().cards[0], id: undefined, gespreksvragen: [] }));
    const bad = await runCli(['dilemmas', 'check', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('zonder-vragen.json');
  });
});
