import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import express, { type Router } from 'express';
import type { TeamsCredentials } from '../../config.js';
import type { ChannelDirectory, EventLedger } from '../../core/channels.js';
import type { Engine } from '../../core/engine/engine.js';
import { GedragsbotError } from '../../core/errors.js';
import type { Logger } from '../../core/usage.js';
import { ConnectorCache } from './connectors.js';
import { TeamsHandler } from './handler.js';
import { type SigningCredentials, TeamsReplies } from './replies.js';
import { type ServiceUrlPolicy, serviceUrlAllowed } from './service-urls.js';

/**
 * Teams on /api/messages through botbuilder's CloudAdapter. With credentials every request must
 * carry a valid Bot Framework token. Without them the endpoint is closed (401), unless IT turned
 * on development mode for a local emulator, which the config only allows on loopback. Replies
 * only go to Bot Framework service URLs. This folder is the only place that knows botbuilder.
 */
export interface TeamsOptions {
  engine: Engine;
  credentials: TeamsCredentials | undefined;
  /** No authentication: a local emulator on loopback only (checked by the config). */
  development?: boolean | undefined;
  /** Where replies may go; defaults to Microsoft's Bot Framework service URLs. */
  serviceUrls?: readonly string[] | undefined;
  channels?: ChannelDirectory | undefined;
  /** Deliveries already handled by any instance: Bot Framework redelivers an activity it thinks was lost. */
  events?: EventLedger | undefined;
  logger: Logger;
}

export interface TeamsConnection {
  router: Router;
  /** Posts into a conversation the bot was added to, from its stored reference (the weekly poll). */
  post(reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Opens (or finds) the person's own chat with the bot and sends there: private answers, reminders. */
  personal(person: PersonalChat, send: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Closes the connections replies go over. */
  close(): Promise<void>;
}

/** Enough to reach one person in their own chat with the bot, without a stored conversation. */
export interface PersonalChat {
  user: string;
  tenantId: string;
  serviceUrl: string;
  bot: string;
}

const BODY_LIMIT = '256kb';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter.process() prints to the console and answers with library messages. This runs the same
 * steps in the order that matters here: who sent it (401), then whether its serviceUrl may be answered
 * (403), then the turn.
 */
class QuietAdapter extends CloudAdapter {
  readonly replies = new TeamsReplies();
  private readonly connectors = new ConnectorCache();

  constructor(private readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  /** A reply to the activity being handled goes out directly (see replies.ts); anything else as botbuilder sends it. */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const connector = context.turnState.get<{ credentials?: SigningCredentials } | undefined>(this.ConnectorClientKey);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'message' && activity.replyToId && connector?.credentials) {
        delete activity.id;
        responses.push({ id: await this.replies.reply(connector.credentials, activity) });
      } else {
        responses.push(...(await super.sendActivities(context, [activity])));
      }
    }
    return responses;
  }

  authenticate(authorization: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.auth.authenticateRequest(activity, authorization);
  }

  handle(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    const made = authenticated.connectorFactory;
    const turn = made ? { ...authenticated, connectorFactory: this.connectors.forTurn(made) } : authenticated;
    return this.processActivity(turn, activity, logic);
  }
}

/** botframework-connector's AuthenticationError: a bad, expired or forged token. */
function isAuthenticationFailure(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 401 || status === 403;
}

function adapterFor(credentials: TeamsCredentials | undefined): QuietAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.password,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: 'SingleTenant',
        }
      : {},
  );
  return new QuietAdapter(auth);
}

export const DEFAULT_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://*.botframework.com/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
] as const;

function policyOf(options: Pick<TeamsOptions, 'serviceUrls' | 'development'>): ServiceUrlPolicy {
  return { patterns: options.serviceUrls ?? DEFAULT_SERVICE_URLS, allowLoopback: options.development === true };
}

/** Proactive posts go through the same allow-list: a stored reference is only as good as where it points. */
function poster(adapter: QuietAdapter, appId: string, policy: ServiceUrlPolicy): TeamsConnection['post'] {
  return async (reference, send) => {
    if (!serviceUrlAllowed(reference.serviceUrl, policy)) {
      throw new GedragsbotError('PLATFORM_UNAVAILABLE', 'Teams-adres wijst niet naar een Bot Framework-dienst; niet geplaatst');
    }
    await adapter.continueConversationAsync(appId, reference, send);
  };
}

function personalSender(adapter: QuietAdapter, appId: string, audience: string, policy: ServiceUrlPolicy): TeamsConnection['personal'] {
  return async (person, send) => {
    if (!serviceUrlAllowed(person.serviceUrl, policy)) {
      throw new GedragsbotError('PLATFORM_UNAVAILABLE', 'Teams-adres wijst niet naar een Bot Framework-dienst; niet verstuurd');
    }
    const parameters = {
      isGroup: false,
      bot: { id: person.bot },
      members: [{ id: person.user }],
      tenantId: person.tenantId,
      channelData: { tenant: { id: person.tenantId } },
    } as Parameters<QuietAdapter['createConversationAsync']>[4];
    await adapter.createConversationAsync(appId, 'msteams', person.serviceUrl, audience, parameters, send);
  };
}

/** Only the proactive part, for `gedragsbot poll …` on the command line. */
export function teamsPoster(
  credentials: TeamsCredentials | undefined,
  options: Pick<TeamsOptions, 'serviceUrls' | 'development'> = {},
): Pick<TeamsConnection, 'post'> {
  return { post: poster(adapterFor(credentials), credentials?.appId ?? '', policyOf(options)) };
}

interface IncomingActivity {
  type?: unknown;
  id?: unknown;
  serviceUrl?: unknown;
  conversation?: { id?: unknown };
}

function deliveryId(activity: IncomingActivity): string | null {
  const conversation = activity.conversation?.id;
  return typeof activity.id === 'string' && typeof conversation === 'string' ? `teams:${conversation}:${activity.id}` : null;
}

export function teamsConnection(options: TeamsOptions): TeamsConnection {
  const { credentials, logger } = options;
  const adapter = adapterFor(credentials);
  const policy = policyOf(options);
  const open = credentials !== undefined || options.development === true;
  adapter.onTurnError = async (context, error) => {
    logger.error('Teams-bericht mislukt', error);
    await context.sendActivity(options.engine.texts.t('fout.algemeen'));
  };
  const appId = credentials?.appId ?? '';
  // Bot Framework's audience for tokens to the channel service; without credentials (development) there is none.
  const audience = credentials ? 'https://api.botframework.com' : '';
  const personal = personalSender(adapter, appId, audience, policy);
  const sendPersonal = async (context: TurnContext, reply: Partial<Activity>) => {
    const { activity } = context;
    const person = { user: activity.from.id, tenantId: activity.conversation.tenantId ?? '', serviceUrl: activity.serviceUrl, bot: activity.recipient.id };
    await personal(person, async (chat) => {
      await chat.sendActivity(reply);
    });
  };
  const handler = new TeamsHandler(options.engine, options.channels, logger, sendPersonal);
  const router = express.Router();
  router.post('/api/messages', (req, res, next) => {
    // Refused before the body is read: without credentials (and without development mode) nothing is handled.
    if (!open || (credentials && !req.headers.authorization)) {
      res.status(401).json({ error: 'Niet aangemeld: dit adres is alleen voor Microsoft Teams (Bot Framework).' });
      return;
    }
    next();
  }, express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const activity = req.body as IncomingActivity | undefined;
    if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') {
      res.status(400).json({ error: 'Geen geldige Bot Framework-activiteit.' });
      return;
    }
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await adapter.authenticate(req.headers.authorization ?? '', activity as Activity);
    } catch (error) {
      logger.warn('Teams: token geweigerd', isAuthenticationFailure(error) ? undefined : error);
      res.status(401).json({ error: 'Het token is ongeldig.' });
      return;
    }
    if (!serviceUrlAllowed(activity.serviceUrl, policy)) {
      logger.warn('Teams: activiteit met een serviceUrl buiten de toegestane lijst geweigerd');
      res.status(403).json({ error: 'Deze serviceUrl is niet toegestaan.' });
      return;
    }
    const delivery = deliveryId(activity);
    if (delivery && options.events && !(await options.events.firstTime(delivery))) {
      res.status(200).end();
      return;
    }
    try {
      const invoke = await adapter.handle(authenticated, activity as Activity, (context) => handler.run(context));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (error) {
      logger.error('Teams-verzoek mislukt', error);
      res.status(500).json({ error: 'Er ging iets mis bij het verwerken van dit bericht.' });
    }
  });
  return { router, post: poster(adapter, appId, policy), personal, close: () => adapter.replies.close() };
}
