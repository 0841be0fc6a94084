import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/core/usage.js';
import { type AppOptions, createApp } from '../../src/server/app.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { defaultRuleBase } from './rulebase.js';
import { sqliteUrl } from './stores.js';

export interface RunningServer {
  base: string;
  services: StoreServices;
  close(): Promise<void>;
}

/** The whole app on a loopback port with a fresh SQLite store, as `npm start` would run it. */
export async function startServer(options: Partial<Pick<AppOptions, 'hrToken' | 'slack'>> = {}): Promise<RunningServer> {
  const services = await connectStore(sqliteUrl(), { minimumCell: 5 });
  const app = createApp({
    ruleBase: defaultRuleBase(),
    services,
    stateTtlMs: 60_000,
    hrToken: options.hrToken,
    logger: silentLogger,
    ...(options.slack ? { slack: options.slack } : {}),
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await services.close();
  };
  return { base, services, close };
}
