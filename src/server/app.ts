import { join } from 'node:path';
import express, { type Express } from 'express';
import { slackConnection, type SlackConnection } from '../channels/slack/app.js';
import { teamsConnection, type TeamsConnection } from '../channels/teams/adapter.js';
import { webChatRoutes } from '../channels/web/routes.js';
import { packageRoot, type SlackConfig, type TeamsCredentials } from '../config.js';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { Logger } from '../core/usage.js';
import type { StoreServices } from '../store/index.js';
import { hrRoutes } from './hr.js';

/**
 * Everything on one port: the web chat on /, Slack on /slack/events (or over
 * Socket Mode), Teams on /api/messages, HR's /api/stats and /healthz.
 */
export interface AppOptions {
  ruleBase: RuleBase;
  services: StoreServices;
  stateTtlMs: number;
  hrToken: string | undefined;
  logger: Logger;
  slack?: SlackConfig | undefined;
  teams?: TeamsCredentials | undefined;
}

export interface GedragsbotServer {
  app: Express;
  bot: GedragsBot;
  slack: SlackConnection | undefined;
  teams: TeamsConnection;
  /** Connects what does not come in over HTTP (Slack Socket Mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createApp(options: AppOptions): GedragsbotServer {
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
  const slack = options.slack ? slackConnection({ ...options.slack, bot, logger }) : undefined;
  if (slack?.router) app.use(slack.router);
  const teams = teamsConnection({ bot, credentials: options.teams, channels: services.channels, logger });
  app.use(teams.router);
  app.use(hrRoutes(services, options.hrToken, logger));
  app.use(webChatRoutes(bot, join(packageRoot(), 'src', 'channels', 'web', 'public'), logger));
  return {
    app,
    bot,
    slack,
    teams,
    start: async () => {
      await slack?.start();
    },
    stop: async () => {
      await slack?.stop();
    },
  };
}
