import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI in-process with the given standard input; returns exit code and output. */
export async function runCli(args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await main(args, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

/** Runs the built binary as a separate process, the way `npx gedragsbot` does. */
export function spawnCli(args: string[], stdin = '') {
  const result = spawnSync(process.execPath, [`${ROOT}/dist/src/cli/main.js`, ...args], {
    input: stdin,
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
