import { App, ExpressReceiver } from '@slack/bolt';
import type { Router } from 'express';
import type { GedragsBot } from '../../core/conversation/bot.js';
import type { BotReply } from '../../core/messages/model.js';
import type { Logger } from '../../core/usage.js';
import { replyBlocks, replyFallbackText } from './blocks.js';

/**
 * Slack over HTTP on /slack/events: direct messages, @mentions, /integriteit and
 * buttons. Bolt checks every request's signature and age; a delivery Slack
 * retries (X-Slack-Retry-Num) is recognised by its event id and never handled
 * twice. Only the text goes to the core; the reply comes back as Block Kit.
 */
export interface SlackOptions {
  botToken: string;
  signingSecret: string;
  /** Points the Web API client elsewhere: a proxy, or the fake API in tests. */
  apiUrl?: string;
  bot: GedragsBot;
  logger: Logger;
}

/** Event ids already handled; Slack retries within minutes, so a bounded memory is enough. */
class SeenEvents {
  private readonly ids = new Set<string>();
  constructor(private readonly limit = 10_000) {}

  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

const MENTION = /<@[A-Z0-9]+>/g;

/** The fields of a Slack message event this channel reads. */
interface IncomingMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  channel: string;
  text?: string;
}

function message(reply: BotReply) {
  return { text: replyFallbackText(reply), blocks: replyBlocks(reply) };
}

export function slackRouter(options: SlackOptions): Router {
  const receiver = new ExpressReceiver({ signingSecret: options.signingSecret, endpoints: '/slack/events' });
  const app = new App({
    token: options.botToken,
    receiver,
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  const seen = new SeenEvents();
  const { bot, logger } = options;
  const answer = (user: string, channel: string, text: string) =>
    bot.reply(`slack:${channel}:${user}`, text, { channel: 'slack', user: `slack:${user}` });

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.firstTime(eventId)) return;
    await next();
  });

  app.message(async ({ message: incoming, say }) => {
    const m = incoming as IncomingMessage;
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    await say(message(await answer(m.user, m.channel, m.text ?? '')));
  });

  app.event('app_mention', async ({ event, say }) => {
    if (!event.user) return;
    const reply = await answer(event.user, event.channel, event.text.replace(MENTION, ' '));
    await say({ ...message(reply), thread_ts: event.thread_ts ?? event.ts });
  });

  app.command('/integriteit', async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim() === '' ? 'help' : command.text;
    await respond({ ...message(await answer(command.user_id, command.channel_id, text)), response_type: 'ephemeral' });
  });

  app.action(/^gedragsbot_/, async ({ ack, body, action, client }) => {
    await ack();
    const value = (action as { value?: string }).value;
    const channel = (body as { channel?: { id: string } }).channel?.id;
    if (!value || !channel) return;
    await client.chat.postMessage({ channel, ...message(await answer(body.user.id, channel, value)) });
  });

  app.error((error) => {
    logger.error('Slack-verzoek mislukt', error);
    return Promise.resolve();
  });

  return receiver.router;
}
