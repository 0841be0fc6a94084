import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { UsageCount } from '../../src/core/usage.js';
import { connectStore } from '../../src/store/index.js';
import { scratchPath } from '../../src/store/database.js';
import { parseStoreUrl } from '../../src/store/url.js';
import { runCli } from '../helpers/cli.js';
import { bothStores, TEST_PG } from '../helpers/stores.js';

const OWN = fileURLToPath(new URL('../fixtures/vragen.jsonl', import.meta.url));
/** Single questions: with one turn, the intent counted is the intent answered. */
const questions = () => readFileSync(OWN, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && (JSON.parse(line) as { turns: string[] }).turns.length === 1)
  .join('\n');

/** Every text the store holds, to prove no question ended up in it. */
async function everythingStored(url: string): Promise<string> {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') {
    const files = [location.path, scratchPath(location.path)].flatMap((f) => [f, `${f}-wal`]);
    return files.filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
  }
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1', [location.schema]);
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`select * from "${location.schema ?? ''}"."${table_name}"`);
      parts.push(JSON.stringify(rows.rows));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

describe.each(bothStores())('ask --jsonl --store, then stats, on %s', (_name, url) => {
  it('counts each conversation once under the intent the CLI answered, with "<5", and stores no question text', async () => {
    const store = url();
    const input = questions();
    const asked = await runCli(['ask', '--jsonl', '--store', store], input);
    expect(asked.code).toBe(0);
    const answered = new Map<string, number>();
    for (const line of asked.stdout.trim().split('\n')) {
      const { intent } = JSON.parse(line) as { intent: string };
      answered.set(intent, (answered.get(intent) ?? 0) + 1);
    }
    const stats = await runCli(['stats', '--store', store, '--by', 'intent', '--format', 'json']);
    expect(stats.code).toBe(0);
    type Row = { key: string; label: string; count: number | string };
    const table = JSON.parse(stats.stdout) as { by: string; rows: Row[]; total: number };
    expect(table.by).toBe('intent');
    // Every small count is "<5"; a larger one is exact or "x" (hidden so no "<5" can be worked out of the total).
    expect(table.rows.map((r) => r.key).sort()).toEqual([...answered.keys()].sort());
    for (const row of table.rows) {
      const n = answered.get(row.key)!;
      if (n < 5) expect(row.count).toBe('<5');
      else expect([n, 'x']).toContain(row.count);
      expect(row.label).not.toBe(row.key);
    }
    expect(table.total).toBe([...answered.values()].reduce((a, b) => a + b, 0));
    const people = await runCli(['stats', '--store', store, '--by', 'intent']);
    expect(people.stdout).toMatch(/^Vragen per thema, \d{1,2} [a-z]+ \d{4} t\/m \d{1,2} [a-z]+ \d{4}\n/);
    expect(people.stdout).not.toMatch(/\b(toegestaan_melden|nevenwerkzaamheden|ongewenst_gedrag)\b/);

    const stored = await everythingStored(store);
    // One-word messages ("help") are also the names of intents, which counts do hold.
    const texts = input
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns)
      .filter((t) => t.includes(' '));
    for (const text of texts) expect(stored).not.toContain(text);
    for (const word of ['champagne', 'kerstpakket', 'zwager', 'vakantiedagen', 'wachtwoord']) {
      expect(stored.toLowerCase()).not.toContain(word);
    }
  }, 60_000);
});

describe('stats options', () => {
  it('refuses a bad option with a Dutch message naming it', async () => {
    const result = await runCli(['stats', '--store', 'sqlite::memory:', '--by', 'dag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--by: een van: week, month, quarter, intent, verdict, channel');
  });

  it('prints a yearly summary as a table', async () => {
    const result = await runCli(['stats', '--store', 'sqlite::memory:', '--year', '2026']);
    expect(result.stdout).toContain('Jaarrapportage integriteit 2026: cijfers van de gedragsbot');
    expect(result.stdout).toContain('Vragen per thema per maand, 2026');
  });

  it('the questions to the coordinator: their own table in --year with the median time to answer, Dutch verdicts', async () => {
    const store = bothStores()[0]![1]();
    const services = await connectStore(store, { minimumCell: 5 });
    const at = new Date();
    const year = String(at.getFullYear());
    const count = (event: UsageCount['event'], verdict: string, n: number): UsageCount[] =>
      Array.from({ length: n }, () => ({ event, intent: 'vraag_voorleggen', verdict, channel: 'teams' as const, at }));
    await services.usage.record([...count('vraag_voorgelegd', 'open', 9), ...count('vraag_beantwoord', '2', 6), ...count('vraag_gesloten', 'beantwoord', 5)]);
    await services.close();
    const annual = await runCli(['stats', '--store', store, '--year', year]);
    expect(annual.stdout).toContain(`Vragen aan de integriteitscoördinator per maand, ${year}`);
    expect(annual.stdout).toMatch(/Beantwoord \(eerste antwoord\)\s.*\b6\n/);
    expect(annual.stdout).toMatch(/Gesloten\s.*\b5\nMediane tijd tot een eerste antwoord: 2 werkdagen\./);
    const json = JSON.parse((await runCli(['stats', '--store', store, '--year', year, '--format', 'json'])).stdout) as { answerTime: unknown };
    expect(json.answerTime).toEqual({ median: '2', label: 'Mediane tijd tot een eerste antwoord: 2 werkdagen.' });
    const bands = await runCli(['stats', '--store', store, '--event', 'vraag_beantwoord', '--by', 'verdict']);
    expect(bands.stdout).toContain('Vragen aan de coördinator beantwoord per oordeel');
    expect(bands.stdout).toMatch(/2 werkdagen\s+6/);
  }, 30_000);

  it('refuses an unknown store', async () => {
    const result = await runCli(['stats', '--store', 'mysql://x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Gebruik sqlite:PAD');
  });
});
