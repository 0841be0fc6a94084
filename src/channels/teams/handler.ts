import { ActivityHandler, type Activity, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { ChannelDirectory } from '../../core/channels.js';
import type { GedragsBot } from '../../core/conversation/bot.js';
import type { BotReply } from '../../core/messages/model.js';
import type { FormValues, RegisterForm } from '../../core/registers/form.js';
import type { RegisterName } from '../../core/registers/model.js';
import { type PollServices, readVote } from '../../core/polls/services.js';
import { isPersonal, PRIVATE_NOTE } from '../../core/privacy.js';
import type { Logger } from '../../core/usage.js';
import { replyCard } from './card.js';
import { formCard } from './form-card.js';

/**
 * Teams ⇄ core: personal chats and @mentions in team channels, Action.Submit
 * from our cards (answers, follow-ups, register forms), and a welcome when the
 * app is installed. Team channels are remembered for proactive posts (the
 * weekly poll), without the person who happened to write there.
 */
const REGISTER_ACTIONS: Record<string, RegisterName> = { registreer_geschenk: 'geschenk', registreer_nevenfunctie: 'nevenwerk' };

interface SubmitValue {
  text?: unknown;
  action?: unknown;
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
    if (key === 'form' || key === 'action' || key === 'text') continue;
    if (typeof raw === 'string') values[key] = raw;
    else if (typeof raw === 'number') values[key] = String(raw);
  }
  return values;
}

/** "19:abc@thread.tacv2;messageid=123" is a reply thread in channel "19:abc@thread.tacv2". */
function channelIdOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export class TeamsHandler extends ActivityHandler {
  /** Addresses already written, so a busy channel costs no write per message. */
  private readonly remembered = new Map<string, string>();

  constructor(
    private readonly bot: GedragsBot,
    private readonly channels: ChannelDirectory | undefined,
    private readonly logger: Logger,
    private readonly polls?: PollServices,
    /** Sends into the person's own chat with the bot, for what a channel must not see. */
    private readonly sendPersonal?: (context: TurnContext, activity: Partial<Activity>) => Promise<void>,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.rememberChannel(context);
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        await this.rememberChannel(context);
        await context.sendActivity(replyActivity(this.bot.menu()));
      }
      await next();
    });
  }

  /** One conversation per person, a flow begun in a channel continues in private. */
  private who(context: TurnContext) {
    const { from } = context.activity;
    const user = from.aadObjectId ?? from.id;
    return { conversation: `teams:${user}`, turn: { channel: 'teams' as const, user: `teams:${user}` } };
  }

  /** A reply for one person, asked in a channel or group chat, goes to their personal chat; the channel, a note. */
  private async deliver(context: TurnContext, reply: BotReply): Promise<void> {
    const type = context.activity.conversation.conversationType;
    if (type !== 'personal' && isPersonal(reply) && this.sendPersonal) {
      await this.sendPersonal(context, replyActivity(reply));
      await context.sendActivity(PRIVATE_NOTE);
      return;
    }
    await context.sendActivity(replyActivity(reply));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { conversation, turn } = this.who(context);
    const value = context.activity.value as SubmitValue | undefined;
    if (value && typeof value === 'object') {
      const vote = value.action === 'stem' && typeof value.text === 'string' ? readVote(value.text) : null;
      if (vote && this.polls) {
        const user = turn.user;
        await context.sendActivity(await this.polls.scheduler.vote(vote.pollId, user, vote.optionId, 'teams', this.polls.now()));
        return;
      }
      if (value.form === 'geschenk' || value.form === 'nevenwerk') {
        const result = await this.bot.submitRegistration(conversation, value.form, formValues(value), turn);
        if ('form' in result) await this.deliverForm(context, result.form);
        else await this.deliver(context, result.reply);
        return;
      }
      const register = typeof value.action === 'string' ? REGISTER_ACTIONS[value.action] : undefined;
      if (register) {
        const opened = await this.bot.registrationForm(conversation, register, turn);
        if ('form' in opened) await this.deliverForm(context, opened.form);
        else await this.deliver(context, opened.reply);
        return;
      }
      if (typeof value.text === 'string') {
        await this.deliver(context, await this.bot.reply(conversation, value.text, turn));
        return;
      }
    }
    const text = TurnContext.removeRecipientMention(context.activity);
    const { conversation: where } = context.activity;
    const here = where.conversationType === 'channel' ? { platform: 'teams' as const, channel: channelIdOf(where.id) } : undefined;
    const command = await this.polls?.commands.handle(text, { user: turn.user, here }, this.polls.now());
    if (command) await context.sendActivity(replyActivity(command));
    else await this.deliver(context, await this.bot.reply(conversation, text, turn));
  }

  /** A register form is always filled in privately. */
  private async deliverForm(context: TurnContext, form: RegisterForm): Promise<void> {
    const type = context.activity.conversation.conversationType;
    if (type !== 'personal' && this.sendPersonal) {
      await this.sendPersonal(context, formActivity(form));
      await context.sendActivity(PRIVATE_NOTE);
      return;
    }
    await context.sendActivity(formActivity(form));
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
