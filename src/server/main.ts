#!/usr/bin/env node
import { createServer } from 'node:http';
import { loadConfig } from '../config.js';
import { GedragsbotError } from '../core/errors.js';
import { loadDilemmas } from '../core/dilemmas/load.js';
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
  const services = await connectStore(config.store, {
    minimumCell,
    coordinators,
    usageFlushMs: 1000,
    onUsageError: (error) => {
      logger.error('Gebruikstellingen nog niet opgeslagen; nieuwe poging over een seconde', error);
    },
  });
  const { stateTtlMs, hrToken, slack, teams, wio } = config;
  const dilemmas = loadDilemmas(config.cardsDir);
  const pollIntervalMs = 30_000;
  const server = createApp({
    ruleBase, services, stateTtlMs, hrToken, logger, slack, teams, dilemmas, wio, pollIntervalMs,
  });
  const http = createServer(server.app);
  await new Promise<void>((resolve) => http.listen(config.port, resolve));
  await server.start();
  const base = `http://localhost:${String(config.port)}`;
  logger.info(`Gedragsbot luistert op ${base} (opslag ${describeStore(parseStoreUrl(config.store))})`);
  if (slack?.appToken) logger.info('Slack: Socket Mode (verbonden met Slack, geen publieke URL nodig)');
  else if (slack) logger.info(`Slack: ${base}/slack/events`);
  if (teams) logger.info(`Teams: ${base}/api/messages, met authenticatie voor app ${teams.appId}`);
  else {
    logger.warn(
      '!!! Teams draait in ONTWIKKELMODUS: /api/messages controleert geen afzender. Alleen voor lokaal testen;'
      + ' stel MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD en MICROSOFT_APP_TENANT_ID in voor gebruik in Teams. !!!',
    );
  }
  process.stdout.write(`Webchat: ${base}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: lopende verzoeken worden afgemaakt`);
    http.close(() => {
      void server.stop().then(() => services.close()).then(() => process.exit(0));
    });
    http.closeIdleConnections();
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
