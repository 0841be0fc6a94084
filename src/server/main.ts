#!/usr/bin/env node
import { createServer } from 'node:http';
import { loadConfig } from '../config.js';
import { GedragsbotError } from '../core/errors.js';
import { loadRuleBase } from '../core/rulebase/load.js';
import { consoleLogger } from '../logging.js';
import { connectStore } from '../store/index.js';
import { describeStore, parseStoreUrl } from '../store/url.js';
import { createApp } from './app.js';

/**
 * `npm start`: validates config and rule base, opens the store, serves on one
 * port, and on SIGTERM/SIGINT finishes the requests in flight before it stops.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = consoleLogger(config.logLevel);
  const ruleBase = loadRuleBase(config.rulesDir);
  const { minimumCell, coordinators } = config;
  const services = await connectStore(config.store, { minimumCell, coordinators });
  const { stateTtlMs, hrToken, slack } = config;
  const app = createApp({ ruleBase, services, stateTtlMs, hrToken, logger, slack });
  if (config.slack) logger.info('Slack staat aan op /slack/events');
  const server = createServer(app);
  server.listen(config.port, () => {
    logger.info(`Gedragsbot luistert op http://localhost:${String(config.port)} (opslag ${describeStore(parseStoreUrl(config.store))})`);
    process.stdout.write(`Webchat: http://localhost:${String(config.port)}\n`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: lopende verzoeken worden afgemaakt`);
    server.close(() => {
      void services.close().then(() => process.exit(0));
    });
    server.closeIdleConnections();
    // Whatever still hangs after 10 s is cut off, so a stuck client cannot block a deploy.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof GedragsbotError ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
