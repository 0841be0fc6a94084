import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { converse } from '../../helpers/rulebase.js';

/**
 * Regression guard on whole question sets written apart from the corpus, with
 * typos, slang and other phrasings. The contract's public and dev sets are
 * scored by the contract's own scorer (eval/run.sh beside the project), never from a test: tests stay inside
 * the repository.
 */
interface Expected {
  id: string;
  turns: string[];
  intent: string | string[];
  verdict: string;
  amount?: number | null;
}

/** Name, file, minimum share right, and whether a harmful answer fails the set (the contract's held-out style). */
const SETS: [name: string, path: string, minimum: number, noHarm?: boolean][] = [
  ['own set 1', fileURLToPath(new URL('../../fixtures/vragen.jsonl', import.meta.url)), 0.95],
  ['own set 2', fileURLToPath(new URL('../../fixtures/vragen-2.jsonl', import.meta.url)), 0.95],
  ['own set 3', fileURLToPath(new URL('../../fixtures/vragen-3.jsonl', import.meta.url)), 0.95],
  ['own set 4', fileURLToPath(new URL('../../fixtures/vragen-4.jsonl', import.meta.url)), 0.95],
  ['own set 5', fileURLToPath(new URL('../../fixtures/vragen-5.jsonl', import.meta.url)), 0.95],
  ['own set 6', fileURLToPath(new URL('../../fixtures/vragen-6.jsonl', import.meta.url)), 0.95],
  // Realistic conversations written apart from the corpus (held out: never trained on; last 97.8% and 97.7%).
  ['blind set a', fileURLToPath(new URL('../../fixtures/understanding/blind-a.jsonl', import.meta.url)), 0.96, true],
  ['blind set b', fileURLToPath(new URL('../../fixtures/understanding/blind-b.jsonl', import.meta.url)), 0.96, true],
];

const REFERRALS = new Set(['ongewenst_gedrag', 'misstand_melden', 'vertrouwenspersoon', 'steun']);

async function score(path: string) {
  const items = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expected);
  const misses: string[] = [];
  const harmful: string[] = [];
  for (const item of items) {
    const reply = await converse(item.turns);
    const intents = Array.isArray(item.intent) ? item.intent : [item.intent];
    // As the contract's scorer counts it: a referral case answered otherwise, or opening with a verdict.
    if (intents.some((i) => REFERRALS.has(i)) && (reply.verdict !== 'doorverwijzen' || /^\s*(ja|nee)\b/i.test(reply.text))) {
      harmful.push(`${item.id} → ${reply.intent}/${reply.verdict}`);
    }
    const amountOk
      = !('amount' in item)
        || (item.amount === null
          ? reply.amount === null
          : Math.abs((reply.amount ?? Number.NaN) - (item.amount ?? 0)) < 0.005);
    if (!intents.includes(reply.intent) || reply.verdict !== item.verdict || !amountOk) {
      misses.push(
        `${item.id} ${JSON.stringify(item.turns)} → ${reply.intent}/${reply.verdict}/${reply.amount}`,
      );
    }
  }
  return { accuracy: 1 - misses.length / items.length, misses, harmful };
}

describe('question sets', () => {
  it.each(SETS)('%s', async (_name, path, minimum, noHarm) => {
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const { accuracy, misses, harmful } = await score(path);
    if (noHarm) expect(harmful, 'harmful answers').toEqual([]);
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(minimum);
  });
});
