import { join } from 'node:path';
import express, { type Express } from 'express';
import { slackRouter } from '../channels/slack/app.js';
import { webChatRoutes } from '../channels/web/routes.js';
import { packageRoot } from '../config.js';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { Logger } from '../core/usage.js';
import type { StoreServices } from '../store/index.js';
import { hrRoutes } from './hr.js';

/** Everything on one port: the web chat on /, HR's /api/stats, /healthz (Slack and Teams join here later). */
export interface AppOptions {
  ruleBase: RuleBase;
  services: StoreServices;
  stateTtlMs: number;
  hrToken: string | undefined;
  logger: Logger;
  slack?: { botToken: string; signingSecret: string; apiUrl: string | undefined } | undefined;
}

export function createApp(options: AppOptions): Express {
  const { ruleBase, services, logger } = options;
  const bot = new GedragsBot(ruleBase, new MemoryStateStore(options.stateTtlMs), {
    usage: services.usage,
    registers: services.registers,
    coordinator: services.coordinator,
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (options.slack) {
    const { botToken, signingSecret, apiUrl } = options.slack;
    app.use(slackRouter({ botToken, signingSecret, bot, logger, ...(apiUrl ? { apiUrl } : {}) }));
  }
  app.use(hrRoutes(services, options.hrToken, logger));
  app.use(webChatRoutes(bot, join(packageRoot(), 'src', 'channels', 'web', 'public'), logger));
  return app;
}
