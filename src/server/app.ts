import express, { type Express } from 'express';
import { slackConnection, type SlackConnection } from '../channels/slack/app.js';
import { SlackPollPublisher } from '../channels/slack/polls.js';
import { teamsConnection, type TeamsConnection } from '../channels/teams/adapter.js';
import { TeamsPollPublisher } from '../channels/teams/polls.js';
import { webChatRoutes } from '../channels/web/routes.js';
import { SlackSender } from '../channels/slack/sender.js';
import { TeamsSender } from '../channels/teams/sender.js';
import type { OidcConfig, QuestionConfig, SlackConfig, TeamsCredentials, WebChatLook } from '../config.js';
import { Deliverer, type Sender } from '../core/outreach/deliver.js';
import { GedragsBot } from '../core/conversation/bot.js';
import { Engine } from '../core/engine/engine.js';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import { PollCommands } from '../core/polls/commands.js';
import { PollScheduler } from '../core/polls/scheduler.js';
import type { PollServices } from '../core/polls/services.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { AppLogger } from '../logging.js';
import { SHARED_SECRET, type StoreServices } from '../store/index.js';
import { signIn } from './auth/oidc.js';
import { backofficeRoutes } from './backoffice/routes.js';
import { errorHandler, notFound } from './errors.js';
import { hrRoutes } from './hr.js';
import { startDailyRetention } from './maintenance.js';
import { Outreach, startOutreach } from './outreach.js';
import { yearlySideJobCheck } from './side-job-reminders.js';
import { RoutingPublisher, startPollTimer } from './polls.js';
import { healthRoutes, rateLimited, requestLog, securityHeaders } from './protection.js';

/**
 * Everything on one port: the web chat on /, Slack on /slack/events (or over
 * Socket Mode), Teams on /api/messages, HR's /api/stats, /healthz and /readyz.
 */
export interface AppOptions {
  ruleBase: RuleBase;
  services: StoreServices;
  stateTtlMs: number;
  hrToken: string | undefined;
  logger: AppLogger;
  slack?: SlackConfig | undefined;
  teams?: TeamsCredentials | undefined;
  /** Teams without authentication, for a local emulator; the config allows it on loopback only. */
  teamsDevelopment?: boolean | undefined;
  /** Where Teams replies may go; Microsoft's Bot Framework service URLs when unset. */
  teamsServiceUrls?: string[] | undefined;
  dilemmas: DilemmaDeck;
  /** "kanaal:gebruiker" of the WIO, who plan polls in chat. */
  wio: readonly string[];
  /** How often due polls are checked; 0 leaves it to `gedragsbot poll run-due` (tests). */
  pollIntervalMs: number;
  /** The local web chat on /; IT turns it off when only Slack and Teams are used. */
  webChat?: boolean | undefined;
  /** The web chat's name, colour, logo and cookie lifetime; defaults when unset. */
  webChatLook?: Partial<WebChatLook> | undefined;
  /** Requests per minute per address on the web chat and HR routes. */
  rateLimitPerMinute?: number | undefined;
  /** Express's "trust proxy", so the rate limit and the Secure cookie see the visitor, not the proxy. */
  trustProxy?: string | undefined;
  /** The key for hashing web-chat visitors; without it the store's generated one is used. */
  secret?: string | undefined;
  /** Months a registration is kept; with it the server runs the retention once a day. */
  retentionMonths?: number | undefined;
  /** The clock of votes and "poll nu"; tests set it. */
  now?: () => Date;
  /** Sign-in with OpenID Connect: the back office (/hr, /coordinator), and then the web chat too. */
  oidc?: OidcConfig | undefined;
  /** "kanaal:gebruiker" of the integrity coordinators, who answer questions in chat. */
  coordinators?: readonly string[] | undefined;
  /** Questions to the coordinator; without an inbox (and without sign-in) the bot points to e-mail instead. */
  questions?: QuestionConfig | undefined;
  /** The month (1–12) of the yearly side-job confirmation. */
  sideJobMonth?: number | undefined;
  /** How often the outbox is sent; 0 leaves it to tests, which call `outreach.tick`. */
  outreachIntervalMs?: number | undefined;
}

export interface GedragsbotServer {
  app: Express;
  bot: GedragsBot;
  engine: Engine;
  slack: SlackConnection | undefined;
  teams: TeamsConnection;
  polls: PollServices;
  /** Sends answers and reminders that are due (the timer calls it; tests call it themselves). */
  outreach: Outreach;
  /** Connects what does not come in over HTTP (Slack Socket Mode) and starts the timers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function trustProxyValue(value: string | undefined): boolean | number | string {
  if (value === undefined) return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function createApp(options: AppOptions): GedragsbotServer {
  const { ruleBase, services, logger, dilemmas } = options;
  const now = options.now ?? (() => new Date());
  const publisher = new RoutingPublisher();
  const scheduler = new PollScheduler(services.polls, dilemmas, publisher, services.usage, logger, ruleBase.texts);
  const commands = new PollCommands(services.polls, scheduler, dilemmas, new Set(options.wio), ruleBase.texts);
  const polls: PollServices = { scheduler, commands, now };
  // In the store, not in this process: any instance continues any conversation, and a restart loses none.
  const states = services.conversations({ ttlMs: options.stateTtlMs, secret: options.secret });
  const questionConfig = options.questions ?? { inbox: [], keepDays: 30, reminderWorkingDays: 3 };
  const desk = services.questions(questionConfig.keepDays);
  // Questions need somewhere for the coordinators to read them: their channel, or the back office's page.
  const questionsOpen = questionConfig.inbox.length > 0 || options.oidc !== undefined;
  const bot = new GedragsBot(ruleBase, states, {
    dilemmas,
    tally: services.tally,
    usage: services.usage,
    registers: services.registers,
    coordinator: services.coordinator,
    contacts: services.contacts,
    meldwijzerOnRequest: true,
    privacy: {
      memoryMinutes: Math.round(options.stateTtlMs / 60_000),
      retentionMonths: options.retentionMonths ?? 60,
      cookieDays: options.webChatLook?.cookieDays ?? 30,
      questionDays: questionsOpen ? questionConfig.keepDays : undefined,
    },
    ...(questionsOpen
      ? {
          questions: {
            desk,
            outbox: services.outbox,
            inbox: questionConfig.inbox,
            coordinators: new Set(options.coordinators ?? []),
            keepDays: questionConfig.keepDays,
          },
        }
      : {}),
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyValue(options.trustProxy));
  app.use(requestLog(logger));
  const events = services.events;
  const senders: Partial<Record<'slack' | 'teams', Sender>> = {};
  const deliverer = new Deliverer(services.outbox, desk, senders, ruleBase.texts, logger);
  const engine = new Engine(bot, logger, polls, (visitor) => deliverer.forVisitor(visitor, now()));
  const slack = options.slack ? slackConnection({ ...options.slack, engine, events, log: logger.pino }) : undefined;
  if (slack?.router) app.use(slack.router);
  const teams = teamsConnection({
    engine,
    credentials: options.teams,
    development: options.teamsDevelopment,
    serviceUrls: options.teamsServiceUrls,
    channels: services.channels,
    events: services.events,
    logger,
  });
  app.use(teams.router);
  // Slack's and Microsoft's servers call the two routes above and no browser ever shows their answers:
  // the browser protections are for everything below (on those routes they cost ~5% of the throughput).
  app.use(securityHeaders());
  app.use(healthRoutes(services));
  publisher.slack = slack ? new SlackPollPublisher(slack.poster) : undefined;
  publisher.teams = new TeamsPollPublisher(teams, services.channels);
  if (slack) senders.slack = new SlackSender(slack.poster);
  // Without credentials Teams cannot be reached on its own; in development mode the emulator can.
  if (options.teams || options.teamsDevelopment) senders.teams = new TeamsSender(teams, services.channels);
  const { inbox, reminderWorkingDays } = questionConfig;
  const chores = [yearlySideJobCheck(services.sideJobCheck, services.instance, options.sideJobMonth ?? 1, logger)];
  const outreach = new Outreach(deliverer, desk, services.outbox, { inbox, reminderWorkingDays, chores }, logger);
  const limit = rateLimited(options.rateLimitPerMinute ?? 60, ruleBase.texts.t('http.429'));
  app.use('/api/stats', limit);
  app.use(hrRoutes(services, options.hrToken, logger, ruleBase.texts));
  const secret = options.secret;
  const serverKey = () => (secret ? Promise.resolve(secret) : services.instance.sharedSecret(SHARED_SECRET));
  const texts = ruleBase.texts;
  const auth = options.oidc
    ? signIn({ oidc: options.oidc, sessions: services.sessions(secret), key: serverKey, texts, logger, now })
    : undefined;
  if (auth) {
    app.use('/auth', limit);
    app.use(auth.router);
  }
  app.use(['/hr', '/coordinator'], limit);
  const questions = { desk, outbox: services.outbox, reminderWorkingDays, keepDays: questionConfig.keepDays };
  const publicUrl = options.oidc?.publicUrl;
  app.use(backofficeRoutes({ services, auth, texts, ruleBase, logger, publicUrl, now, questions }));
  if (options.webChat !== false) {
    app.use(['/api/chat', '/api/mijn-gegevens.csv', '/api/mijn-gegevens.json'], limit);
    const signedIn = auth && {
      owner: async (req: express.Request) => (await auth.person(req))?.owner,
      loginPath: (returnTo: string) => `/auth/login?terug=${encodeURIComponent(returnTo)}`,
    };
    const look = options.webChatLook;
    const exportOwn = (owner: string) => services.registers.exportOwn(owner);
    app.use(webChatRoutes({ engine, logger, visitorKey: serverKey, signedIn, look, exportOwn }));
  }
  app.use(notFound(ruleBase.texts));
  app.use(errorHandler(logger, ruleBase.texts));
  const stopTimers: (() => void)[] = [];
  return {
    app,
    bot,
    engine,
    slack,
    teams,
    polls,
    outreach,
    start: async () => {
      await slack?.start();
      const outreachEvery = options.outreachIntervalMs ?? 5000;
      if (outreachEvery > 0) stopTimers.push(startOutreach(outreach, logger, outreachEvery));
      if (options.pollIntervalMs > 0) {
        stopTimers.push(startPollTimer(scheduler, logger, options.pollIntervalMs));
        if (options.retentionMonths !== undefined) {
          stopTimers.push(startDailyRetention(services, options.retentionMonths, logger));
        }
      }
    },
    stop: async () => {
      for (const stop of stopTimers.splice(0)) stop();
      await slack?.stop();
      await teams.close();
    },
  };
}
