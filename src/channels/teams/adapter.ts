import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import express, { type Router } from 'express';
import type { TeamsCredentials } from '../../config.js';
import type { ChannelDirectory } from '../../core/channels.js';
import type { GedragsBot } from '../../core/conversation/bot.js';
import type { PollServices } from '../../core/polls/services.js';
import type { Logger } from '../../core/usage.js';
import { TeamsHandler } from './handler.js';

/**
 * Teams on /api/messages through botbuilder's CloudAdapter. With credentials
 * every request must carry a valid Bot Framework token; without them (local
 * trials only) authentication is off and the server says so loudly. This
 * folder is the only place that knows botbuilder, so moving to the M365
 * Agents SDK later touches nothing else.
 */
export interface TeamsOptions {
  bot: GedragsBot;
  credentials: TeamsCredentials | undefined;
  channels?: ChannelDirectory | undefined;
  polls?: PollServices | undefined;
  logger: Logger;
}

export interface TeamsConnection {
  router: Router;
  /** Posts into a conversation the bot was added to, from its stored reference (the weekly poll). */
  post(reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<void>;
}

function adapterFor(credentials: TeamsCredentials | undefined): CloudAdapter {
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
  return new CloudAdapter(auth);
}

/** Only the proactive part, for `gedragsbot poll …` on the command line. */
export function teamsPoster(credentials: TeamsCredentials | undefined): Pick<TeamsConnection, 'post'> {
  const adapter = adapterFor(credentials);
  return { post: (reference, send) => adapter.continueConversationAsync(credentials?.appId ?? '', reference, send) };
}

export function teamsConnection(options: TeamsOptions): TeamsConnection {
  const { credentials, logger } = options;
  const adapter = adapterFor(credentials);
  adapter.onTurnError = async (context, error) => {
    logger.error('Teams-bericht mislukt', error);
    await context.sendActivity('Sorry, er ging bij mij iets mis. Probeer het zo nog eens; je vraag is niet bewaard.');
  };
  const handler = new TeamsHandler(options.bot, options.channels, logger, options.polls);
  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
    // Refused before any work: without a token nothing from outside is handled.
    if (credentials && !req.headers.authorization) {
      res.status(401).json({ error: 'Authorization ontbreekt' });
      return;
    }
    await adapter.process(req, res, (context) => handler.run(context));
  });
  return {
    router,
    post: (reference, send) => adapter.continueConversationAsync(credentials?.appId ?? '', reference, send),
  };
}
