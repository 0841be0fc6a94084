/**
 * `npm run bench:http`: the bot over real HTTP against the bare frameworks it
 * is built on, in one run on this machine.
 *
 * - Slack: signed message events into the full app (Bolt → core → answer
 *   posted to a fake Slack Web API) against a bare Bolt app that acks and
 *   posts a reply with Bolt's own client: both do the same work for Slack.
 * - Teams: activities into the full app (botbuilder → core → card posted to a
 *   fake Bot Framework connector) against a bare botbuilder echo bot.
 *
 * Each server under test runs in its own child process, so the load generator
 * and the fakes (this process) do not share its event loop. Throughput counts
 * until the last answer has reached the fake API; latency is per request.
 * Target: full ÷ bare ≥ 0.8 for both pairs.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, ExpressReceiver } from '@slack/bolt';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { Pool } from 'undici';
import { loadDilemmas } from '../../src/core/dilemmas/load.js';
import { loadRuleBase } from '../../src/core/rulebase/load.js';
import { createLogger } from '../../src/logging.js';
import { packageRoot } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { connectStore } from '../../src/store/index.js';
import { fakeSlackApi } from '../helpers/fake-slack.js';
import { fakeConnector } from '../helpers/fake-teams.js';
import { SIGNING_SECRET, signedHeaders } from '../helpers/slack-requests.js';
import { seeded } from './random.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
// A server runs for days: the JIT has long warmed up; measure that, not its first second.
const WARMUP = 1000;
const CONCURRENCY = 16;
const TARGET_RATIO = 0.8;

type Kind = 'slack-full' | 'slack-bare' | 'teams-full' | 'teams-bare';

const QUESTIONS = [
  'Mag ik een fles wijn van 30 euro aannemen?',
  'Een leverancier biedt me een kerstpakket aan, mag dat?',
  'Mag ik mijn werklaptop gebruiken voor mijn eigen administratie?',
  'Ik wil een bijbaan als trainer, moet ik dat melden?',
  'Wie is de vertrouwenspersoon?',
  'Mag ik op een etentje van een aannemer ingaan?',
  'mag ik een cadeaubon van 75 euro houden',
  'Mijn zwager doet mee aan een aanbesteding die ik behandel',
];

// ---------------------------------------------------------------- servers under test (child processes)

async function serve(kind: Kind, fakeUrl: string): Promise<number> {
  if (kind === 'slack-full' || kind === 'teams-full') {
    const dir = mkdtempSync(join(tmpdir(), 'gedragsbot-bench-'));
    const services = await connectStore(process.env.BENCH_STORE ?? `sqlite:${join(dir, 'bench.db')}`, {
      minimumCell: 5,
      usageFlushMs: 1000,
    });
    const server = createApp({
      ruleBase: loadRuleBase(join(packageRoot(), 'rules')),
      services,
      stateTtlMs: 30 * 60_000,
      hrToken: undefined,
      logger: createLogger('silent'),
      teamsDevelopment: true,
      dilemmas: loadDilemmas(join(packageRoot(), 'cards', 'dilemmas')),
      wio: [],
      pollIntervalMs: 30_000,
      ...(kind === 'slack-full' ? { slack: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl: fakeUrl } } : {}),
    });
    process.on('exit', () => {
      rmSync(dir, { recursive: true, force: true });
    });
    return listen(server.app);
  }
  if (kind === 'slack-bare') {
    const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
    const app = new App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: fakeUrl } });
    app.message(async ({ message, client }) => {
      const { channel, text } = message as { channel: string; text?: string };
      await client.chat.postMessage({ channel, text: text ?? '' });
    });
    const web = express();
    web.use(receiver.router);
    return listen(web);
  }
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(context.activity.text);
    await next();
  });
  const web = express();
  web.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, (context) => echo.run(context));
  });
  return listen(web);
}

function listen(handler: express.Express): Promise<number> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve((server.address() as AddressInfo).port);
  }));
}

// ---------------------------------------------------------------- load generator (this process)

interface Result {
  kind: Kind;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function slackEvent(i: number, text: string): string {
  const user = `U${String(1000 + (i % 200))}`;
  return JSON.stringify({
    token: 'XXYYZZ',
    team_id: 'T0ABC1234',
    api_app_id: 'A0ABC1234',
    type: 'event_callback',
    event_id: `Ev${String(i).padStart(10, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0ABC1234', user_id: 'U0BOT1234', is_bot: true }],
    event: { type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${String(1763800000 + i)}.000100`, event_ts: `${String(1763800000 + i)}.000100` },
  });
}

function teamsActivity(i: number, text: string, serviceUrl: string): string {
  const user = `29:user-${String(i % 200)}`;
  return JSON.stringify({
    type: 'message',
    id: `act-${String(i)}`,
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: user, aadObjectId: `00000000-0000-4000-8000-${String(i % 200).padStart(12, '0')}` },
    recipient: { id: '28:bench-bot', name: 'Gedragsbot' },
    conversation: { id: `a:conv-${String(i % 200)}`, conversationType: 'personal', tenantId: 'bench' },
    timestamp: new Date().toISOString(),
  });
}

async function load(kind: Kind, port: number, fakeUrl: string, answered: () => number): Promise<Result> {
  const slack = kind.startsWith('slack');
  const path = slack ? '/slack/events' : '/api/messages';
  // The load generator shares the machine with the server under test: keep-alive connections and no
  // fetch() (its streams cost this process more than a server spends on a bare request).
  const pool = new Pool(`http://127.0.0.1:${String(port)}`, { connections: CONCURRENCY });
  const random = seeded(kind.length);
  const send = async (i: number): Promise<number> => {
    const text = QUESTIONS[Math.floor(random() * QUESTIONS.length)] ?? QUESTIONS[0]!;
    const body = slack ? slackEvent(i, text) : teamsActivity(i, text, fakeUrl);
    const headers = slack ? signedHeaders(body) : { 'content-type': 'application/json' };
    const started = performance.now();
    const response = await pool.request({ path, method: 'POST', headers, body });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`${kind}: HTTP ${String(response.statusCode)}`);
    return performance.now() - started;
  };
  const batch = async (from: number, count: number, latencies: number[]) => {
    let next = from;
    const worker = async () => {
      while (next < from + count) {
        const i = next++;
        latencies.push(await send(i));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
  await batch(0, WARMUP, []);
  await waitUntil(() => answered() >= WARMUP);
  const before = answered();
  const latencies: number[] = [];
  const started = performance.now();
  await batch(WARMUP, REQUESTS, latencies);
  await waitUntil(() => answered() - before >= REQUESTS);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { kind, perSecond: REQUESTS / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function waitUntil(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('De antwoorden kwamen niet binnen een minuut aan.');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function startChild(kind: Kind, fakeUrl: string): Promise<{ port: number; stop(): void }> {
  const profile = (process.env.BENCH_PROFILE ?? '').split(',').includes(kind) ? ['--cpu-prof', '--cpu-prof-dir=bench-profiles'] : [];
  const child = fork(fileURLToPath(import.meta.url), ['serve', kind, fakeUrl], { stdio: 'inherit', execArgv: profile });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => {
      resolve({ port: Number(port), stop: () => child.kill('SIGINT') });
    });
    child.once('exit', (code) => {
      reject(new Error(`${kind} stopte met code ${String(code)}`));
    });
  });
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const KINDS = ['slack-bare', 'slack-full', 'teams-bare', 'teams-full'] as const;
/** BENCH_ONLY=slack or =teams runs one pair, while working on it; the verdict needs both. */
const ONLY = process.env.BENCH_ONLY;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const slackApi = await fakeSlackApi({ countOnly: true });
  const connector = await fakeConnector({ countOnly: true });
  const posted = () => slackApi.counts.get('chat.postMessage') ?? 0;
  const runs: Result[] = [];
  // Rounds alternate bare and full, so a busy moment of the machine does not land on one side only.
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of KINDS.filter((k) => ONLY === undefined || k.startsWith(ONLY))) {
      const fakeUrl = kind.startsWith('slack') ? slackApi.url : connector.url;
      const child = await startChild(kind, fakeUrl);
      try {
        runs.push(await load(kind, child.port, fakeUrl, kind.startsWith('slack') ? posted : () => connector.received()));
      } finally {
        child.stop();
      }
      slackApi.counts.clear();
    }
  }
  await slackApi.close();
  await connector.close();
  const results = KINDS.flatMap((kind): Result[] => {
    const mine = runs.filter((r) => r.kind === kind);
    if (mine.length === 0) return [];
    const of = (pick: (r: Result) => number) => median(mine.map(pick));
    return [{ kind, perSecond: of((r) => r.perSecond), p50: of((r) => r.p50), p99: of((r) => r.p99) }];
  });
  const line = (r: Result) =>
    `  ${r.kind.padEnd(11)} ${r.perSecond.toFixed(0).padStart(6)}/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms`;
  // Each round's full is divided by the bare measured just before it, so a slow minute of the machine
  // lands on both sides of one ratio; the verdict is the median of those ratios.
  const pairs = (['slack', 'teams'] as const).flatMap((platform) => {
    const fulls = runs.filter((r) => r.kind === `${platform}-full`);
    const bares = runs.filter((r) => r.kind === `${platform}-bare`);
    if (fulls.length === 0 || fulls.length !== bares.length) return [];
    const ratios = fulls.map((full, i) => full.perSecond / (bares[i]?.perSecond ?? Number.NaN));
    return [{ name: platform === 'slack' ? 'Slack' : 'Teams', ratio: median(ratios), ratios }];
  });
  process.stdout.write([
    `HTTP-bench: ${String(REQUESTS)} verzoeken per server (na ${String(WARMUP)} opwarmen), ${String(CONCURRENCY)} tegelijk, mediaan van ${String(ROUNDS)} rondes`,
    ...results.map(line),
    ...pairs.map((p) => `  ${p.name} volledig ÷ kaal: ${p.ratio.toFixed(2)} (doel ≥ ${String(TARGET_RATIO)}; per ronde ${p.ratios.map((r) => r.toFixed(2)).join(' ')})`),
    '',
  ].join('\n'));
  if (pairs.length < 2 || pairs.some((p) => p.ratio < TARGET_RATIO)) process.exitCode = 1;
}

if (process.argv[2] === 'serve') {
  // SIGINT ends the child through exit, so a CPU profile is written.
  process.on('SIGINT', () => process.exit(0));
  const kind = process.argv[3] as Kind;
  void serve(kind, process.argv[4] ?? '').then((port) => process.send?.(port));
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
