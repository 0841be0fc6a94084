import type { App, RespondFn } from '@slack/bolt';
import type { EventLedger } from '../../core/channels.js';
import type { Engine } from '../../core/engine/engine.js';
import type { Interaction, Outcome, Place, Turn } from '../../core/engine/interaction.js';
import type { BotReply } from '../../core/messages/model.js';
import { readVote } from '../../core/polls/services.js';
import { replyBlocks, replyFallbackText } from './blocks.js';
import type { SlackPoster } from './poster.js';
import { homeView, modalErrors, readMetadata, readModal, REGISTER_CALLBACK, registerModal } from './views.js';

/**
 * Slack ⇄ core, the same over HTTP and Socket Mode: direct messages, @mentions, /integriteit, buttons,
 * the register modals and the App Home become Turns for the engine; its Outcomes become Slack calls.
 * Nothing here decides what to answer.
 */
export interface SlackHandlerOptions {
  engine: Engine;
  /** Deliveries handled by any instance; without it, this instance's memory. */
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

/** A channel or group (C…, G…) others read along in, as opposed to the direct message with the app (D…). */
function placeOf(channel: string | undefined): Place {
  return channel && !channel.startsWith('D') ? { kind: 'shared', platform: 'slack', channel } : { kind: 'direct' };
}

function turn(user: string, channel: string | undefined, interaction: Interaction): Turn {
  // A message to the user's id lands in their own chat with the app: that is where a later answer goes.
  return { interaction, channel: 'slack', user: `slack:${user}`, place: placeOf(channel), forms: 'modal', address: { platform: 'slack', user } };
}

/** How outcomes reach Slack from where the interaction came from. */
interface Surface {
  user: string;
  channel: string | undefined;
  thread?: string | undefined;
  /** A slash command or a button: the answer can be shown to the person alone. */
  respond?: RespondFn | undefined;
  /** A button: a form opens as a modal with this trigger. */
  triggerId?: string | undefined;
}

export function registerSlackHandlers(app: App, { engine, poster, events }: Wiring): void {
  const seen = events ?? new SeenEvents();

  const deliver = async (outcomes: Outcome[], surface: Surface) => {
    const { user, channel, thread, respond } = surface;
    const threaded = thread ? { thread_ts: thread } : {};
    for (const outcome of outcomes) {
      if (outcome.kind === 'form') {
        if (surface.triggerId) {
          const view = registerModal(outcome.form, { register: outcome.form.register, channel: channel ?? null });
          await app.client.views.open({ trigger_id: surface.triggerId, view: view as never });
        }
        continue;
      }
      if (outcome.kind === 'note') {
        // A slash command's answer is ephemeral already: no note needed where nobody saw anything.
        if (channel && !respond) await poster.postMessage({ channel, text: outcome.text, ...threaded });
        continue;
      }
      if (respond) {
        await respond({ ...message(outcome.reply), response_type: 'ephemeral', replace_original: false });
        continue;
      }
      const privately = outcome.to === 'person' && placeOf(channel).kind === 'shared';
      const where = privately || !channel ? { channel: user } : { channel, ...threaded };
      await poster.postMessage({ ...where, ...message(outcome.reply) });
    }
  };

  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seen.firstTime(`slack:${eventId}`))) return;
    await next();
  });

  app.message(async ({ message: incoming }) => {
    const m = incoming as IncomingMessage;
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    const outcomes = await engine.handle(turn(m.user, m.channel, { kind: 'text', text: m.text ?? '' }));
    await deliver(outcomes, { user: m.user, channel: m.channel });
  });

  app.event('app_mention', async ({ event }) => {
    if (!event.user) return;
    const outcomes = await engine.handle(turn(event.user, event.channel, { kind: 'text', text: event.text.replace(MENTION, ' ') }));
    await deliver(outcomes, { user: event.user, channel: event.channel, thread: event.thread_ts ?? event.ts });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const [outcome] = await engine.handle(turn(event.user, undefined, { kind: 'home' }));
    if (outcome?.kind === 'reply') await client.views.publish({ user_id: event.user, view: homeView(outcome.reply) as never });
  });

  app.command('/integriteit', async ({ command, ack, respond }) => {
    await ack();
    const text = command.text.trim() === '' ? 'help' : command.text;
    const outcomes = await engine.handle(turn(command.user_id, command.channel_id, { kind: 'text', text }));
    await deliver(outcomes, { user: command.user_id, channel: command.channel_id, respond });
  });

  app.action(/^gedragsbot_/, async ({ ack, body, action, respond }) => {
    await ack();
    const { action_id: actionId, value = '' } = action as { action_id: string; value?: string };
    const user = body.user.id;
    const channel = (body as { channel?: { id: string } }).channel?.id;
    const vote = readVote(value);
    const interaction: Interaction = vote
      ? { kind: 'vote', ...vote }
      : { kind: 'action', id: actionId.replace(/^gedragsbot_/, '').replace(/_\d+$/, ''), value };
    const outcomes = await engine.handle(turn(user, channel, interaction));
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    // A vote's confirmation is for the voter alone; other buttons answer where they were pressed.
    await deliver(outcomes, { user, channel, triggerId, respond: vote ? respond : undefined });
  });

  app.view(REGISTER_CALLBACK, async ({ ack, view, body }) => {
    const metadata = readMetadata(view.private_metadata);
    const user = body.user.id;
    if (!metadata) {
      await ack();
      return;
    }
    const interaction: Interaction = { kind: 'form', register: metadata.register, values: readModal(view.state.values) };
    // The modal is private, so is everything after it: the confirmation goes to the person's direct messages.
    const outcomes = await engine.handle(turn(user, undefined, interaction));
    const form = outcomes.find((o) => o.kind === 'form');
    if (form) {
      // The modal stays open with every value kept and each problem under its field.
      await ack({ response_action: 'errors', errors: modalErrors(form.form) });
      return;
    }
    await ack();
    const opened = metadata.channel ?? undefined;
    await deliver(outcomes, { user, channel: opened && placeOf(opened).kind === 'direct' ? opened : undefined });
  });

  app.error((error) => {
    // The engine already answered kindly; what reaches here failed on the way to Slack.
    app.logger.error('Slack-verzoek mislukt', error);
    return Promise.resolve();
  });
}
