import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logging.js';
import { type AppOptions, createApp, type GedragsbotServer } from '../../src/server/app.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { defaultDilemmas, defaultRuleBase } from './rulebase.js';
import { SIGNING_SECRET } from './slack-requests.js';
import { postgresUrl, sqliteUrl } from './stores.js';

export interface RunningServer {
  base: string;
  services: StoreServices;
  server: GedragsbotServer;
  close(): Promise<void>;
}

/** The whole app on a loopback port with a fresh SQLite store, as `npm start` would run it. */
interface StoreSetup {
  store?: string;
  /** A fixed loopback port, when another server (an OIDC provider) must know the address first. */
  port?: number;
  coordinators?: readonly string[] | undefined;
  onConnectionError?: (error: unknown) => void;
}

type ServerOptions = Partial<Omit<AppOptions, 'ruleBase' | 'services' | 'dilemmas' | 'stateTtlMs' | 'pollIntervalMs'>>;

export async function startServer(
  options: ServerOptions & StoreSetup = {},
): Promise<RunningServer> {
  const clock = options.now ? { now: options.now } : {};
  const services = await connectStore(options.store ?? sqliteUrl(), {
    minimumCell: 5,
    coordinators: options.coordinators ?? [],
    ...clock,
    // Questions to the coordinator seal the asker's address with the configured key, as main.ts does.
    ...(options.secret ? { secret: options.secret } : {}),
    ...(options.onConnectionError ? { onConnectionError: options.onConnectionError } : {}),
  });
  const { store: _store, coordinators: _coordinators, onConnectionError: _onError, port, ...appOptions } = options;
  const server = createApp({
    ruleBase: defaultRuleBase(),
    services,
    stateTtlMs: 60_000,
    hrToken: options.hrToken,
    logger: createLogger('silent'),
    // Development mode on loopback, as a developer runs it with the emulator: the fake connector is on 127.0.0.1.
    teamsDevelopment: options.teams === undefined,
    slack: options.slack,
    teams: options.teams,
    dilemmas: defaultDilemmas(),
    wio: options.wio ?? [],
    pollIntervalMs: 0,
    // Tests send what is due themselves (server.outreach.tick), at the moment they choose.
    outreachIntervalMs: 0,
    coordinators: options.coordinators ?? [],
    // The browser tests click through every dilemma; the limit itself is tested with its own low value.
    rateLimitPerMinute: 100_000,
    ...(options.now ? { now: options.now } : {}),
    ...appOptions,
  });
  const http = createServer(server.app);
  await new Promise<void>((resolve) => http.listen(port ?? 0, '127.0.0.1', resolve));
  await server.start();
  const base = `http://127.0.0.1:${String((http.address() as AddressInfo).port)}`;
  const close = async () => {
    await server.stop();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await services.close();
  };
  return { base, services, server, close };
}

/** Two instances behind one address, sharing a fresh PostgreSQL schema, both talking Slack to `slackApiUrl`. */
export async function startInstances(
  slackApiUrl: string,
  options: Partial<Pick<AppOptions, 'wio' | 'now' | 'questions' | 'secret' | 'coordinators'>> = {},
): Promise<[RunningServer, RunningServer]> {
  const shared = {
    ...options,
    store: postgresUrl(),
    slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slackApiUrl },
  };
  return [await startServer(shared), await startServer(shared)];
}

/** A free loopback port, for a server whose address another must know before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
