import { ActivityHandler, type Activity, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { ChannelDirectory } from '../../core/channels.js';
import type { Engine } from '../../core/engine/engine.js';
import type { Interaction, Outcome, Place, Turn } from '../../core/engine/interaction.js';
import type { BotReply } from '../../core/messages/model.js';
import { readVote } from '../../core/polls/services.js';
import type { FormValues, RegisterForm } from '../../core/registers/form.js';
import type { Logger } from '../../core/usage.js';
import { replyCard } from './card.js';
import { formCard } from './form-card.js';

/**
 * Teams ⇄ core: personal chats and @mentions in team channels, Action.Submit from our cards (answers,
 * follow-ups, register forms) and the welcome on install become Turns for the engine; its Outcomes
 * become activities. Team channels are remembered for proactive posts (the weekly poll), without the
 * person who happened to write there.
 */
interface SubmitValue {
  text?: unknown;
  action?: unknown;
  value?: unknown;
  form?: unknown;
  [input: string]: unknown;
}

function cardMessage(card: Record<string, unknown>, fallback: string) {
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary: fallback.slice(0, 200) };
}

export function replyActivity(reply: BotReply): Partial<Activity> {
  return cardMessage(replyCard(reply), reply.text);
}

export function formActivity(form: RegisterForm): Partial<Activity> {
  return cardMessage(formCard(form), form.title);
}

/** Inputs come back as strings; multi-selects as "a,b". */
function formValues(value: SubmitValue): FormValues {
  const values: FormValues = {};
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'form' || key === 'action' || key === 'text' || key === 'value') continue;
    if (typeof raw === 'string') values[key] = raw;
    else if (typeof raw === 'number') values[key] = String(raw);
  }
  return values;
}

/** "19:abc@thread.tacv2;messageid=123" is a reply thread in channel "19:abc@thread.tacv2". */
function channelIdOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** What an activity asks: a submitted card (vote, form, button) or a typed message. */
function interactionOf(context: TurnContext): Interaction {
  const value = context.activity.value as SubmitValue | undefined;
  if (value && typeof value === 'object') {
    const vote = value.action === 'stem' && typeof value.text === 'string' ? readVote(value.text) : null;
    if (vote) return { kind: 'vote', ...vote };
    if (value.form === 'geschenk' || value.form === 'nevenwerk') return { kind: 'form', register: value.form, values: formValues(value) };
    const text = typeof value.text === 'string' ? value.text : typeof value.value === 'string' ? value.value : '';
    if (typeof value.action === 'string') return { kind: 'action', id: value.action, value: text };
    if (text) return { kind: 'text', text };
  }
  return { kind: 'text', text: TurnContext.removeRecipientMention(context.activity) };
}

function placeOf(context: TurnContext): Place {
  const { conversation } = context.activity;
  return conversation.conversationType === 'personal'
    ? { kind: 'direct' }
    : { kind: 'shared', platform: 'teams', channel: channelIdOf(conversation.id) };
}

export class TeamsHandler extends ActivityHandler {
  /** Addresses already written, so a busy channel costs no write per message. */
  private readonly remembered = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly channels: ChannelDirectory | undefined,
    private readonly logger: Logger,
    /** Sends into the person's own chat with the bot, for what a channel must not see. */
    private readonly sendPersonal?: (context: TurnContext, activity: Partial<Activity>) => Promise<void>,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.rememberChannel(context);
      await this.deliver(context, await this.engine.handle(this.turn(context, interactionOf(context))));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        await this.rememberChannel(context);
        await this.deliver(context, await this.engine.handle(this.turn(context, { kind: 'install' })));
      }
      await next();
    });
  }

  private turn(context: TurnContext, interaction: Interaction): Turn {
    const { from, recipient, serviceUrl, conversation } = context.activity;
    const tenantId = conversation.tenantId ?? '';
    // Where an answer can reach this person later: their own chat with the bot, opened from these ids.
    const address = { platform: 'teams' as const, user: from.id, tenantId, serviceUrl, bot: recipient.id };
    return { interaction, channel: 'teams', user: `teams:${from.aadObjectId ?? from.id}`, place: placeOf(context), forms: 'card', address };
  }

  private async deliver(context: TurnContext, outcomes: Outcome[]): Promise<void> {
    const personal = placeOf(context).kind === 'shared' && this.sendPersonal;
    for (const outcome of outcomes) {
      if (outcome.kind === 'note') {
        await context.sendActivity(outcome.text);
        continue;
      }
      const activity = outcome.kind === 'form' ? formActivity(outcome.form) : replyActivity(outcome.reply);
      if (outcome.to === 'person' && personal) await personal(context, activity);
      else await context.sendActivity(activity);
    }
  }

  private async rememberChannel(context: TurnContext): Promise<void> {
    const { conversation } = context.activity;
    if (!this.channels || conversation.conversationType !== 'channel') return;
    const id = channelIdOf(conversation.id);
    const reference = TurnContext.getConversationReference(context.activity);
    const data = context.activity.channelData as { channel?: { name?: string }; team?: { name?: string } } | undefined;
    const name = [data?.team?.name, data?.channel?.name].filter(Boolean).join(' / ') || null;
    // Who wrote is not part of where to post: the reference is kept without user and message.
    const { user: _user, activityId: _activity, ...where } = reference;
    const address = { ...where, conversation: { ...reference.conversation, id } };
    const json = JSON.stringify({ address, name });
    if (this.remembered.get(id) === json) return;
    try {
      await this.channels.remember({ platform: 'teams', id, name, address: JSON.stringify(address) });
      this.remembered.set(id, json);
    } catch (error) {
      this.logger.error('Teams-kanaal niet onthouden', error);
    }
  }
}
