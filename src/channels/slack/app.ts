import { App, ExpressReceiver, SocketModeReceiver } from '@slack/bolt';
import express, { type Router } from 'express';
import type { pino } from 'pino';
import { registerSlackHandlers, type SlackHandlerOptions } from './handlers.js';
import { boltLogger } from './logger.js';
import { type OutboundProxy, SlackPoster } from './poster.js';
import { slackSignature } from './signature.js';

/**
 * Slack in one of two ways. Over HTTP on /slack/events, Bolt checks every
 * request's signature and age (401 otherwise). In Socket Mode the app opens a
 * websocket to Slack itself, so a municipality needs no public URL.
 */
export interface SlackOptions extends SlackHandlerOptions {
  botToken: string;
  signingSecret?: string | undefined;
  /** Set: Socket Mode. */
  appToken?: string | undefined;
  /** Points the Web API client elsewhere: a proxy, or the fake API in tests. */
  apiUrl?: string | undefined;
  /** The organisation's outgoing proxy (HTTPS_PROXY, NO_PROXY). */
  proxy?: OutboundProxy | undefined;
  /** Bolt's own lines go here, as JSON. */
  log?: pino.Logger | undefined;
}

/** Slack's events are a few kilobytes; anything far larger is refused before it is read or its signature checked. */
const SLACK_BODY_BYTES = 512 * 1024;

export interface SlackConnection {
  /** Mounted on the server for HTTP; null in Socket Mode. */
  router: Router | null;
  /** Posts answers and polls. */
  poster: SlackPoster;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function slackConnection(options: SlackOptions): SlackConnection {
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const poster = new SlackPoster(options.botToken, options.apiUrl, options.proxy);
  const wiring = { ...options, poster };
  // Bolt's conversation store is not used: the core keeps its own state, without message texts.
  const logger = options.log ? boltLogger(options.log) : undefined;
  const bolt = { token: options.botToken, clientOptions, convoStore: false as const, ...(logger ? { logger } : {}) };
  if (options.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      installerOptions: { clientOptions },
      ...(logger ? { logger } : {}),
    });
    const app = new App({ ...bolt, receiver });
    registerSlackHandlers(app, wiring);
    return {
      router: null,
      poster,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
        await poster.close();
      },
    };
  }
  if (!options.signingSecret) throw new Error('Slack over HTTP heeft SLACK_SIGNING_SECRET nodig');
  // The signature is checked in front of Bolt (see signature.ts); Bolt parses the body it is handed.
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    signatureVerification: false,
    endpoints: '/slack/events',
    bodyLimit: `${String(SLACK_BODY_BYTES)}b`,
    ...(logger ? { logger } : {}),
  });
  const app = new App({ ...bolt, receiver });
  registerSlackHandlers(app, wiring);
  const router = express.Router();
  const refused = () => logger?.warn('Slack-verzoek geweigerd: handtekening of tijdstempel klopt niet');
  router.post('/slack/events', ...slackSignature(options.signingSecret, SLACK_BODY_BYTES, { refused }));
  router.use(receiver.router);
  return { router, poster, start: () => Promise.resolve(), stop: () => poster.close() };
}
