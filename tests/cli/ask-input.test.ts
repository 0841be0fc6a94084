import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('ask --jsonl input', () => {
  it('a file saved with a UTF-8 byte-order mark is read like any other', async () => {
    const result = await runCli(['ask', '--jsonl'], '\uFEFF{"id": "b1", "turns": ["hallo"]}\n{"id": "b2", "turns": ["help"]}\n');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: string });
    expect(lines.map((l) => [l.id, l.error])).toEqual([['b1', undefined], ['b2', undefined]]);
  });
});
