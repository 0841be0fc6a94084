import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../src/core/conversation/state.js';
import { type DilemmaDeck, loadDilemmas } from '../../src/core/dilemmas/load.js';
import { loadRuleBase, type RuleBase } from '../../src/core/rulebase/load.js';

export const RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

let shared: RuleBase | undefined;
/** The default rule base, loaded once per test file. */
let deck: DilemmaDeck | undefined;

export const CARDS_DIR = fileURLToPath(new URL('../../cards/dilemmas', import.meta.url));

/** The dilemma cards in cards/dilemmas/, loaded once. */
export function defaultDilemmas(): DilemmaDeck {
  deck ??= loadDilemmas(CARDS_DIR);
  return deck;
}

export function defaultRuleBase(): RuleBase {
  shared ??= loadRuleBase(RULES_DIR);
  return shared;
}

/** A private copy of rules/ that a test may change. */
export function copyOfRules(change?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'gedragsbot-rules-'));
  cpSync(RULES_DIR, dir, { recursive: true });
  change?.(dir);
  return dir;
}

export function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/** Answers a whole conversation on a fresh bot; returns the last reply. */
export async function converse(turns: string[], ruleBase: RuleBase = defaultRuleBase()) {
  const bot = new GedragsBot(ruleBase, new MemoryStateStore());
  let last: Awaited<ReturnType<GedragsBot['reply']>> | undefined;
  for (const turn of turns) last = await bot.reply('test', turn);
  if (!last) throw new Error('no turns');
  return last;
}
