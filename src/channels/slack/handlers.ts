import type { App } from '@slack/bolt';
import type { EventLedger } from '../../core/channels.js';
import type { GedragsBot } from '../../core/conversation/bot.js';
import type { BotReply } from '../../core/messages/model.js';
import type { RegisterName } from '../../core/registers/model.js';
import { type PollServices, readVote } from '../../core/polls/services.js';
import { isPersonal, PRIVATE_NOTE } from '../../core/privacy.js';
import type { Logger } from '../../core/usage.js';
import { replyBlocks, replyFallbackText } from './blocks.js';
import type { SlackPoster } from './poster.js';
import { homeView, modalErrors, readMetadata, readModal, REGISTER_CALLBACK, registerModal } from './views.js';

/**
 * Everything Slack can send, the same over HTTP and Socket Mode: direct
 * messages, @mentions, /integriteit, buttons, the register modals and the App
 * Home. Only text and form values go to the core; replies come back as Block Kit.
 */
export interface SlackHandlerOptions {
  bot: GedragsBot;
  logger: Logger;
  polls?: PollServices | undefined;
  /** Handled event ids shared by all instances; without it, this instance's memory. */
  events?: EventLedger | undefined;
}

interface Wiring extends SlackHandlerOptions {
  poster: SlackPoster;
}

/** Event ids this instance handled; Slack retries within minutes, so a bounded memory is enough for one instance. */
class SeenEvents implements EventLedger {
  private readonly ids = new Set<string>();
  constructor(private readonly limit = 10_000) {}

  firstTime(id: string): Promise<boolean> {
    if (this.ids.has(id)) return Promise.resolve(false);
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return Promise.resolve(true);
  }
}

const MENTION = /<@[A-Z0-9]+>/g;
const REGISTER_ACTIONS: Record<string, RegisterName> = { registreer_geschenk: 'geschenk', registreer_nevenfunctie: 'nevenwerk' };

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

/**
 * One conversation per person, wherever they write: a registration begun with a mention in a channel
 * continues in the direct message its next step arrives in.
 */
function conversationOf(user: string): string {
  return `slack:${user}`;
}

/** A channel or group (C…, G…), as opposed to the direct message with the app (D…) or the App Home. */
const shared = (channel: string | undefined): channel is string => channel !== undefined && !channel.startsWith('D');

export function registerSlackHandlers(app: App, { bot, logger, poster, polls, events }: Wiring): void {
  const seen = events ?? new SeenEvents();
  const context = (user: string) => ({ channel: 'slack' as const, user: `slack:${user}` });
  const answer = async (user: string, channel: string | undefined, text: string) => {
    // "poll …" is the WIO's; in a channel it plans or posts right there.
    const here = channel && !channel.startsWith('D') ? { platform: 'slack' as const, channel } : undefined;
    const command = await polls?.commands.handle(text, { user: `slack:${user}`, here }, polls.now());
    return command ?? bot.reply(conversationOf(user), text, context(user));
  };
  /** Personal replies asked for in a channel go to the person's direct messages; the channel gets a neutral note. */
  const deliver = async (user: string, channel: string | undefined, reply: BotReply, thread?: string) => {
    if (shared(channel) && isPersonal(reply)) {
      await poster.postMessage({ channel: user, ...message(reply) });
      await poster.postMessage({ channel, text: PRIVATE_NOTE, ...(thread ? { thread_ts: thread } : {}) });
      return;
    }
    await poster.postMessage({ channel: channel ?? user, ...message(reply), ...(thread ? { thread_ts: thread } : {}) });
  };

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seen.firstTime(`slack:${eventId}`))) return;
    await next();
  });

  app.message(async ({ message: incoming }) => {
    const m = incoming as IncomingMessage;
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    await poster.postMessage({ channel: m.channel, ...message(await answer(m.user, m.channel, m.text ?? '')) });
  });

  app.event('app_mention', async ({ event }) => {
    if (!event.user) return;
    const reply = await answer(event.user, event.channel, event.text.replace(MENTION, ' '));
    await deliver(event.user, event.channel, reply, event.thread_ts ?? event.ts);
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: homeView(bot.menu()) as never });
  });

  app.command('/integriteit', async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim() === '' ? 'help' : command.text;
    await respond({ ...message(await answer(command.user_id, command.channel_id, text)), response_type: 'ephemeral' });
  });

  app.action(/^gedragsbot_/, async ({ ack, body, action, client, respond }) => {
    await ack();
    const { action_id: actionId, value } = action as { action_id: string; value?: string };
    const vote = value ? readVote(value) : null;
    if (vote && polls) {
      const text = await polls.scheduler.vote(vote.pollId, `slack:${body.user.id}`, vote.optionId, 'slack', polls.now());
      // Only the voter sees this; the channel sees nothing until the result.
      await respond({ response_type: 'ephemeral', replace_original: false, text });
      return;
    }
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const user = body.user.id;
    const register = REGISTER_ACTIONS[actionId.replace(/^gedragsbot_/, '').replace(/_\d+$/, '')];
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (register && triggerId) {
      const opened = await bot.registrationForm(conversationOf(user), register, context(user));
      if ('form' in opened) {
        const view = registerModal(opened.form, { register, channel: channel ?? null });
        await client.views.open({ trigger_id: triggerId, view: view as never });
        return;
      }
      await deliver(user, channel, opened.reply);
      return;
    }
    if (!value) return;
    // Buttons on the App Home have no channel: the answer goes to the person's direct messages with the app.
    await deliver(user, channel, await answer(user, channel, value));
  });

  app.view(REGISTER_CALLBACK, async ({ ack, view, body }) => {
    const metadata = readMetadata(view.private_metadata);
    const user = body.user.id;
    if (!metadata) {
      await ack();
      return;
    }
    const values = readModal(view.state.values);
    const conversation = conversationOf(user);
    const result = await bot.submitRegistration(conversation, metadata.register, values, context(user));
    if ('form' in result) {
      // The modal stays open with every value kept and each problem under its field.
      await ack({ response_action: 'errors', errors: modalErrors(result.form) });
      return;
    }
    await ack();
    // The modal was private; so is its confirmation, without a note in the channel it was opened from.
    const opened = metadata.channel ?? undefined;
    await poster.postMessage({ channel: opened && !shared(opened) ? opened : user, ...message(result.reply) });
  });

  app.error((error) => {
    logger.error('Slack-verzoek mislukt', error);
    return Promise.resolve();
  });
}
