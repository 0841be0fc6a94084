/**
 * `npm run bench` (CLI part): the cold start of `gedragsbot ask "hallo"` against a script that imports
 * only the core and answers the same question, alternated in one run so both see the same machine.
 * Target: the CLI within 1.2× the core-only script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROUNDS = 12;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = (path: string) => pathToFileURL(join(root, 'dist', path)).href;
const folder = mkdtempSync(join(tmpdir(), 'gedragsbot-cli-bench-'));
const coreOnly = join(folder, 'core-only.mjs');
writeFileSync(coreOnly, `
import { GedragsBot } from '${dist('src/core/conversation/bot.js')}';
import { MemoryStateStore } from '${dist('src/core/conversation/state.js')}';
import { loadRuleBase } from '${dist('src/core/rulebase/load.js')}';
const reply = await new GedragsBot(loadRuleBase(${JSON.stringify(join(root, 'rules'))}), new MemoryStateStore()).reply('ask', 'hallo');
process.stdout.write(reply.text + '\\n');
`);

function timed(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
try {
  const cli: number[] = [];
  const core: number[] = [];
  timed([coreOnly]);
  for (let i = 0; i < ROUNDS; i++) {
    cli.push(timed([join(root, 'dist/src/cli/main.js'), 'ask', 'hallo']));
    core.push(timed([coreOnly]));
  }
  const ratio = median(cli) / median(core);
  console.log('CLI cold start, `gedragsbot ask "hallo"`:');
  console.log(`  CLI median ${median(cli).toFixed(0)} ms, core-only script median ${median(core).toFixed(0)} ms (${String(ROUNDS)} rounds each, alternated)`);
  console.log(`  ratio ${ratio.toFixed(2)} — target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
