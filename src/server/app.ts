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
import { SlackPollPublisher } from '../channels/slack/polls.js';
import { TeamsPollPublisher } from '../channels/teams/polls.js';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import { PollCommands } from '../core/polls/commands.js';
import { PollScheduler } from '../core/polls/scheduler.js';
import type { PollServices } from '../core/polls/services.js';
import { hrRoutes } from './hr.js';
import { RoutingPublisher, startPollTimer } from './polls.js';

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
  dilemmas: DilemmaDeck;
  /** "kanaal:gebruiker" of the WIO, who plan polls in chat. */
  wio: readonly string[];
  /** How often due polls are checked; 0 leaves it to `gedragsbot poll run-due` (tests). */
  pollIntervalMs: number;
  /** The clock of votes and "poll nu"; tests set it. */
  now?: () => Date;
}

export interface GedragsbotServer {
  app: Express;
  bot: GedragsBot;
  slack: SlackConnection | undefined;
  teams: TeamsConnection;
  polls: PollServices;
  /** Connects what does not come in over HTTP (Slack Socket Mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createApp(options: AppOptions): GedragsbotServer {
  const { ruleBase, services, logger, dilemmas } = options;
  const now = options.now ?? (() => new Date());
  const publisher = new RoutingPublisher();
  const scheduler = new PollScheduler(services.polls, dilemmas, publisher, services.usage, logger);
  const commands = new PollCommands(services.polls, scheduler, dilemmas, new Set(options.wio));
  const polls: PollServices = { scheduler, commands, now };
  const bot = new GedragsBot(ruleBase, new MemoryStateStore(options.stateTtlMs), {
    dilemmas,
    tally: services.tally,
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
  const events = services.events;
  const slack = options.slack ? slackConnection({ ...options.slack, bot, logger, polls, events }) : undefined;
  if (slack?.router) app.use(slack.router);
  const teams = teamsConnection({ bot, credentials: options.teams, channels: services.channels, logger, polls });
  app.use(teams.router);
  publisher.slack = slack ? new SlackPollPublisher(slack.poster) : undefined;
  publisher.teams = new TeamsPollPublisher(teams, services.channels);
  let stopTimer: () => void = () => undefined;
  app.use(hrRoutes(services, options.hrToken, logger));
  app.use(webChatRoutes(bot, join(packageRoot(), 'src', 'channels', 'web', 'public'), logger));
  return {
    app,
    bot,
    slack,
    teams,
    polls,
    start: async () => {
      await slack?.start();
      if (options.pollIntervalMs > 0) stopTimer = startPollTimer(scheduler, logger, options.pollIntervalMs);
    },
    stop: async () => {
      stopTimer();
      await slack?.stop();
    },
  };
}
