#!/usr/bin/env node
import { createServer } from 'node:http';
import { loadConfig } from '../config.js';
import { GedragsbotError } from '../core/errors.js';
import { loadDilemmas } from '../core/dilemmas/load.js';
import { loadRuleBase } from '../core/rulebase/load.js';
import { createLogger, routeConsoleTo } from '../logging.js';
import { connectStore } from '../store/index.js';
import { describeStore, parseStoreUrl } from '../store/url.js';
import { createApp } from './app.js';

/**
 * `npm start`: validates config and rule base, opens the store, serves on one port, and on
 * SIGTERM/SIGINT finishes the requests in flight before it stops. Every line it prints is JSON.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  routeConsoleTo(logger);
  process.on('uncaughtException', (error) => {
    logger.error('Onverwachte fout; de server stopt', error);
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    logger.error('Onafgehandelde fout', error);
  });
  const ruleBase = loadRuleBase(config.rulesDir);
  const { minimumCell, coordinators } = config;
  const services = await connectStore(config.store, {
    minimumCell,
    coordinators,
    secret: config.secret,
    texts: ruleBase.texts,
    usageFlushMs: 1000,
    onUsageError: (error) => {
      logger.error('Gebruikstellingen nog niet opgeslagen; nieuwe poging over een seconde', error);
    },
    onConnectionError: (error) => {
      logger.warn('Verbinding met de database verbroken; de volgende vraag opent een nieuwe', error);
    },
  });
  const dilemmas = loadDilemmas(config.cardsDir);
  const server = createApp({
    ruleBase,
    services,
    logger,
    dilemmas,
    stateTtlMs: config.stateTtlMs,
    hrToken: config.hrToken,
    slack: config.slack,
    teams: config.teams,
    teamsDevelopment: config.teamsDevelopment,
    teamsServiceUrls: config.teamsServiceUrls,
    wio: config.wio,
    pollIntervalMs: 30_000,
    webChat: config.webChat,
    webChatLook: config.webChatLook,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    secret: config.secret,
    retentionMonths: config.retentionMonths,
    oidc: config.oidc,
    coordinators: config.coordinators,
    questions: config.questions,
    sideJobMonth: config.sideJobMonth,
  });
  const http = createServer(server.app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, resolve);
  });
  await server.start();
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${shown === '0.0.0.0' ? 'localhost' : shown}:${String(config.port)}`;
  logger.info('Gedragsbot luistert', { address: `${shown}:${String(config.port)}`, store: describeStore(parseStoreUrl(config.store)) });
  if (config.webChat) logger.info(`Webchat: ${base}${config.oidc ? ' (met inloggen)' : ''}`);
  if (config.oidc) logger.info(`Backoffice: ${config.oidc.publicUrl}/hr en ${config.oidc.publicUrl}/coordinator`);
  if (config.slack?.appToken) logger.info('Slack: Socket Mode (verbonden met Slack, geen publieke URL nodig)');
  else if (config.slack) logger.info(`Slack: ${base}/slack/events`);
  if (config.teams) logger.info(`Teams: ${base}/api/messages, met authenticatie voor app ${config.teams.appId}`);
  else if (config.teamsDevelopment) {
    logger.warn('!!! Teams draait in ONTWIKKELMODUS: /api/messages controleert geen afzender. Alleen voor een lokale emulator. !!!');
  } else logger.info('Teams staat uit: /api/messages antwoordt 401 tot MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD en MICROSOFT_APP_TENANT_ID zijn ingesteld');
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
  // Before the logger exists (a config error) the message itself is the help: it says what to set.
  const message = error instanceof GedragsbotError ? error.message : 'De server kon niet starten';
  process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: message, ...(error instanceof GedragsbotError ? { code: error.code } : { err: String(error) }) })}\n`);
  process.exitCode = 2;
});
