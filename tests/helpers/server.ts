import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/core/usage.js';
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
export async function startServer(
  options: Partial<Pick<AppOptions, 'hrToken' | 'slack' | 'teams' | 'wio' | 'now'>> & { store?: string } = {},
): Promise<RunningServer> {
  const clock = options.now ? { now: options.now } : {};
  const services = await connectStore(options.store ?? sqliteUrl(), { minimumCell: 5, ...clock });
  const server = createApp({
    ruleBase: defaultRuleBase(),
    services,
    stateTtlMs: 60_000,
    hrToken: options.hrToken,
    logger: silentLogger,
    slack: options.slack,
    teams: options.teams,
    dilemmas: defaultDilemmas(),
    wio: options.wio ?? [],
    pollIntervalMs: 0,
    ...(options.now ? { now: options.now } : {}),
  });
  const http = createServer(server.app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
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
  options: Partial<Pick<AppOptions, 'wio' | 'now'>> = {},
): Promise<[RunningServer, RunningServer]> {
  const shared = {
    ...options,
    store: postgresUrl(),
    slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slackApiUrl },
  };
  return [await startServer(shared), await startServer(shared)];
}
