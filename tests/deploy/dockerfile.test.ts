import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE } from '../../src/store/url.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The container image cannot be built on this machine (or CI's): there is no Docker engine. So this test reads the
 * Dockerfile and does what its runtime stage does, in a temporary folder standing in for the image's WORKDIR:
 * the COPY steps (context files from the checkout, `--from=<build stage>` files from the built checkout, which
 * `npm test` builds before vitest runs), the npm install step, and then the CMD, which must serve the web chat and
 * /readyz and stop cleanly on SIGTERM. Change the Dockerfile's install or start command and this test runs the
 * new one. What only an image has (the non-root user, the volume, the health check) is checked as text, and the
 * HEALTHCHECK command is run against the live server.
 */

// ---- a small Dockerfile reader: enough for FROM … AS, WORKDIR, ENV, COPY, RUN, USER, VOLUME, EXPOSE, HEALTHCHECK, CMD

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string | undefined;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    // Comment lines (parser directives included) are dropped, also between the lines of one instruction.
    if (/^\s*#/.test(raw)) continue;
    if (raw.trim() === '') continue;
    if (/\\\s*$/.test(raw)) {
      pending += `${raw.replace(/\\\s*$/, '')} `;
      continue;
    }
    const line = `${pending}${raw}`.trim();
    pending = '';
    const match = /^(\S+)\s*([\s\S]*)$/.exec(line)!;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!.trim();
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*\S+(?:\s+as\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`FROM niet begrepen: ${args}`);
      stages.push({ name: from[1]?.toLowerCase(), instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`${keyword} vóór de eerste FROM`);
    } else {
      stages.at(-1)!.instructions.push({ keyword, args });
    }
  }
  return stages;
}

/** Leading `--name=value` options (COPY --from, RUN --mount, HEALTHCHECK --interval …) and what follows them. */
function options(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args;
  for (let m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest); m; m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest)) {
    flags.set(m[1]!, m[2] ?? '');
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** Exec form (a JSON array) as is; shell form through /bin/sh -c, as Docker runs it. */
function commandOf(form: string): string[] {
  if (form.startsWith('[')) return JSON.parse(form) as string[];
  return ['/bin/sh', '-c', form];
}

/** COPY's sources and destination, in either form. */
function copyParts(rest: string): string[] {
  return rest.startsWith('[') ? JSON.parse(rest) as string[] : rest.split(/\s+/);
}

function envOf(args: string): [string, string][] {
  const unquote = (v: string) => v.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  if (!/^[^\s=]+=/.test(args)) {
    const [key, ...value] = args.split(/\s+/);
    return [[key!, unquote(value.join(' '))]];
  }
  return (args.match(/[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)/g) ?? []).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), unquote(pair.slice(at + 1))];
  });
}

function workdirOf(stage: Stage): string {
  let dir = '/';
  for (const { keyword, args } of stage.instructions) if (keyword === 'WORKDIR') dir = posix.resolve(dir, args);
  return dir;
}

// ---- .dockerignore: Go-style patterns, `!` exceptions, a match on a folder covers what is inside it

function dockerignore(): (path: string) => boolean {
  const file = join(ROOT, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const glob = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      const source = glob
        .split(/(\*\*|\*|\?)/)
        .map((part) => ({ '**': '.*', '*': '[^/]*', '?': '[^/]' })[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    const withParents = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (withParents.some((p) => rule.regex.test(p))) ignored = !rule.negate;
    return ignored;
  };
}

/** `package*.json` and the like: a wildcard in the last part of a source path. */
function expand(base: string, source: string): string[] {
  const name = basename(source);
  if (!/[*?[]/.test(name)) return [source];
  const pattern = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const dir = posix.dirname(source);
  return readdirSync(join(base, dir)).filter((f) => pattern.test(f)).map((f) => posix.join(dir, f));
}

// ---- running things

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `node` in a command is the Node that runs the tests (24 in CI), as the image's node is the base image's. */
function resolveNode(argv: string[]): [string, string[]] {
  const [program, ...args] = argv;
  return [program === 'node' ? process.execPath : program!, args];
}

interface Ran {
  code: number | null;
  output: string;
}

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  const [program, args] = resolveNode(argv);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ---- the Dockerfile

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = dockerfile.at(-1)!;
const of = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const appDir = workdirOf(runtime);
const imageEnv = Object.fromEntries(of('ENV').flatMap(envOf));
const user = of('USER').at(-1)?.split(':')[0];
const ignored = dockerignore();
/** The image's path of something in the app folder, as a path in `into`; refuses what lies outside the app. */
const inApp = (imagePath: string, into: string) => {
  const rel = posix.relative(appDir, imagePath);
  if (rel.startsWith('..') || posix.isAbsolute(rel)) throw new Error(`${imagePath} ligt buiten WORKDIR ${appDir}`);
  return join(into, rel);
};

let tmp: string | undefined;
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  // A production node_modules is some 250 MB of small files.
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('Dockerfile (the image cannot be built here: no Docker engine on this machine; its runtime stage\'s install and start steps run in a temporary folder instead)', () => {
  it('runtime stage: a non-root user, listening on all interfaces, the SQLite folder a writable volume, a HEALTHCHECK with node', () => {
    expect(dockerfile.length, 'a build stage and a runtime stage').toBeGreaterThanOrEqual(2);
    expect(user, 'USER in the runtime stage').toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(imageEnv.HOST, 'the server listens on 127.0.0.1 unless HOST says otherwise').toBe('0.0.0.0');
    expect(imageEnv.NODE_ENV).toBe('production');
    expect(of('EXPOSE').join(' ').split(/\s+/)).toContain(imageEnv.PORT ?? '3978');

    const store = imageEnv.GEDRAGSBOT_STORE ?? DEFAULT_STORE;
    expect(store.startsWith('sqlite:'), 'the image\'s default store is an SQLite file').toBe(true);
    const dataDir = posix.dirname(posix.resolve(appDir, store.slice('sqlite:'.length)));
    const volumes = of('VOLUME').flatMap((v) => (v.startsWith('[') ? JSON.parse(v) as string[] : v.split(/\s+/)));
    expect(volumes, 'the SQLite file lives in a volume').toContain(dataDir);
    const runs = of('RUN').map((r) => options(r).rest);
    expect(runs.some((r) => /\bchown\b/.test(r) && r.includes(user!) && r.includes(dataDir)), `${dataDir} belongs to ${user!}`).toBe(true);

    const healthcheck = of('HEALTHCHECK').at(-1);
    expect(healthcheck, 'HEALTHCHECK').toBeDefined();
    const { rest } = options(healthcheck!);
    expect(rest).toMatch(/^CMD\s/);
    const probe = commandOf(rest.replace(/^CMD\s+/, ''));
    expect(probe[0], 'the slim image has no curl: node makes the request').toBe('node');
    expect(probe.join(' ')).toContain('/healthz');
  });

  it('the build context leaves out local installs, builds, data and secrets, but not what the stages copy', () => {
    for (const path of ['.env', 'node_modules', 'dist', 'data/gedragsbot.db', '.git']) expect(ignored(path), path).toBe(true);
    for (const stage of dockerfile) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
        const { flags, rest } = options(copy.args);
        if (flags.has('from')) continue;
        const parts = copyParts(rest);
        for (const source of parts.slice(0, -1).flatMap((s) => expand(ROOT, s))) {
          expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
          expect(ignored(source), `${source} is not in .dockerignore`).toBe(false);
        }
      }
    }
    const build = dockerfile.slice(0, -1).flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN');
    expect(build.some((r) => r.args.includes('npm run build')), 'a build stage runs `npm run build`').toBe(true);
  });

  it('installs and starts from the runtime stage\'s own steps: web chat, /readyz, HEALTHCHECK, SIGTERM', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gedragsbot-image-'));
    const app = join(tmp, 'app');
    mkdirSync(app);
    const path = [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter);
    const passOn = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(HOME|https?_proxy|no_proxy|npm_config_(cache|registry|userconfig))$/i.test(k)),
    );
    // As Docker would: the stage's ENV during RUN. The local npm cache first; CI reaches the registry as well.
    const installEnv = {
      ...passOn,
      ...imageEnv,
      PATH: path,
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    const installs: string[] = [];
    let workdir = '/';
    for (const { keyword, args } of runtime.instructions) {
      if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, args);
      if (keyword === 'COPY') {
        const { flags, rest } = options(args);
        const parts = copyParts(rest);
        const destination = posix.resolve(workdir, parts.at(-1)!);
        const from = flags.get('from');
        // From the context: the checkout less .dockerignore. From a build stage: its WORKDIR is the checkout after
        // `npm run build`, which `npm test` has done.
        const stage = from === undefined ? undefined : dockerfile.find((s) => s.name === from.toLowerCase());
        if (from !== undefined && !stage) throw new Error(`COPY --from=${from}: geen stage met die naam`);
        const stageDir = stage ? workdirOf(stage) : undefined;
        const inStage = (s: string) => (stageDir ? posix.relative(stageDir, posix.resolve(stageDir, s)) : s);
        const sources = parts.slice(0, -1).map(inStage);
        expect(sources.every((s) => !s.startsWith('..')), `${sources.join(' ')} inside the build stage's WORKDIR`).toBe(true);
        const filter = (source: string) => stage !== undefined || !ignored(posix.relative(ROOT, source));
        const into = inApp(destination, app);
        const many = sources.length > 1 || parts.at(-1)!.endsWith('/');
        for (const source of sources.flatMap((s) => expand(ROOT, s))) {
          const origin = join(ROOT, source);
          expect(existsSync(origin), `${source} (run \`npm run build\` first)`).toBe(true);
          const file = statSync(origin).isFile();
          const target = file && many ? join(into, basename(source)) : into;
          mkdirSync(file ? dirname(target) : target, { recursive: true });
          cpSync(origin, target, { recursive: true, filter });
        }
      }
      if (keyword === 'RUN') {
        const command = options(args).rest;
        // The install is what the test runs; other RUN steps shape the image (folders, owners), checked above.
        if (!/^(npm|npx)\s/.test(command)) continue;
        installs.push(command);
        const { code, output } = await run(commandOf(command), inApp(workdir, app), installEnv, 110_000);
        expect(code, `${command}\n${output}`).toBe(0);
      }
    }
    expect(installs.length, 'an npm install step in the runtime stage').toBeGreaterThan(0);
    expect(existsSync(join(app, 'node_modules', 'express')), 'production dependencies installed').toBe(true);
    for (const dev of ['typescript', 'vitest', 'eslint']) {
      expect(existsSync(join(app, 'node_modules', dev)), `${dev} left out`).toBe(false);
    }

    const port = await freePort();
    const store = join(tmp, 'volume', 'gedragsbot.db');
    const env = { ...imageEnv, PATH: path, HOST: '127.0.0.1', PORT: String(port), GEDRAGSBOT_STORE: `sqlite:${store}` };
    const entrypoint = of('ENTRYPOINT').at(-1);
    const cmd = of('CMD').at(-1);
    expect(cmd, 'CMD').toBeDefined();
    const [program, args] = resolveNode([...(entrypoint ? commandOf(entrypoint) : []), ...commandOf(cmd!)]);
    const output: string[] = [];
    server = spawn(program, args, { cwd: inApp(workdir, app), env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    server.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      server?.once('exit', (code, signal) => {
        resolve([code, signal]);
      });
    });
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 200 && !up && server.exitCode === null; i++) {
      up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(up, `the server answers /healthz\n${output.join('')}`).toBe(true);

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>Gedragsbot');
    for (const asset of ['/static/chat.js', '/static/chat.css', '/static/huisstijl.css', '/favicon.svg']) {
      expect((await fetch(`${base}${asset}`)).status, asset).toBe(200);
    }
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
    const chat = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Mag ik een fles wijn van €30 aannemen?' }),
    });
    expect(chat.status, 'the web chat answers (the store and better-sqlite3 work)').toBe(200);

    const probe = commandOf(options(of('HEALTHCHECK').at(-1)!).rest.replace(/^CMD\s+/, ''));
    const healthy = await run(probe, inApp(workdir, app), env, 10_000);
    expect(healthy.code, `HEALTHCHECK while up\n${healthy.output}`).toBe(0);

    server.kill('SIGTERM');
    expect(await exited, output.join('')).toEqual([0, null]);
    expect(existsSync(store), 'the SQLite file').toBe(true);
    const unhealthy = await run(probe, inApp(workdir, app), env, 10_000);
    expect(unhealthy.code, 'HEALTHCHECK once stopped').not.toBe(0);
  }, 150_000);
});
