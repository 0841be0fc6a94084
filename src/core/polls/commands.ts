import { fold } from '../text/normalize.js';
import type { BotReply } from '../messages/model.js';
import type { DilemmaDeck } from '../dilemmas/load.js';
import { DEFAULT_OPEN_HOURS, type PollTarget, WEEKDAYS } from './model.js';
import type { PollStore } from './ports.js';
import type { PollScheduler } from './scheduler.js';
import { localMoment } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';

/**
 * The WIO's poll commands, the same in chat (`/integriteit poll …`) and on the
 * command line (`gedragsbot poll …`): plan, lijst, annuleer, nu. Only users in
 * GEDRAGSBOT_WIO may use them in chat.
 */
export interface PollCommandContext {
  /** "kanaal:gebruiker"; undefined on the command line, where the operator is trusted. */
  user: string | undefined;
  /** The channel the command was given in, the default place to post. */
  here: PollTarget | undefined;
}

const SHORT_DAYS: Record<string, number> = { ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, zo: 7 };
type Reply = BotReply;

function reply(text: string): BotReply {
  return { intent: 'dilemma', verdict: 'geen', amount: null, text, actions: [] };
}

function weekdayOf(words: string[]): number | null {
  for (const word of words) {
    const full = WEEKDAYS.indexOf(word as (typeof WEEKDAYS)[number]);
    if (full >= 0) return full + 1;
    if (word.endsWith('s') && WEEKDAYS.includes(word.slice(0, -1) as (typeof WEEKDAYS)[number])) return WEEKDAYS.indexOf(word.slice(0, -1) as (typeof WEEKDAYS)[number]) + 1;
    const short = SHORT_DAYS[word];
    if (short) return short;
  }
  return null;
}

export class PollCommands {
  constructor(
    private readonly store: PollStore,
    private readonly scheduler: PollScheduler,
    private readonly deck: DilemmaDeck,
    private readonly wio: ReadonlySet<string>,
    private readonly texts: Texts,
  ) {}

  private channels(count: number): string {
    return this.texts.t('poll.kanalen', { aantal: count });
  }

  private unknownDilemma(id: string): BotReply {
    return reply(this.texts.t('poll.dilemma_onbekend', { id, dilemmas: this.deck.cards.map((c) => c.id).join(', ') }));
  }

  /** Null when the text is not a poll command. */
  /** `targets` come from the command line (--kanaal); in chat the channel of the command is used. */
  async handle(
    text: string,
    context: PollCommandContext,
    now: Date,
    targets: PollTarget[] = [],
  ): Promise<Reply | null> {
    const match = /^\s*poll\b\s*(.*)$/is.exec(text);
    if (!match) return null;
    if (context.user !== undefined && !this.wio.has(context.user)) {
      return reply(this.texts.t('poll.alleen_wio'));
    }
    const rest = match[1] ?? '';
    const slackChannels = [...rest.matchAll(/<#([A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m): PollTarget => ({ platform: 'slack', channel: m[1] ?? '' }));
    const words = fold(rest.replace(/<#[^>]*>/g, ' ')).split(/\s+/).filter(Boolean);
    const where = [...targets, ...slackChannels];
    if (where.length === 0 && context.here) where.push(context.here);
    const [command = '', ...args] = words;
    switch (command) {
      case 'plan':
      case 'plannen':
        return this.plan(args, rest, where);
      case 'lijst':
      case 'list':
        return this.list();
      case 'annuleer':
      case 'annuleren':
      case 'cancel':
        return (await this.store.cancelPlan(args[0] ?? '~'))
          ? reply(this.texts.t('poll.geannuleerd', { code: args[0] ?? '' }))
          : reply(this.texts.t('poll.plan_onbekend', { code: args[0] ?? '' }));
      case 'nu':
      case 'now': {
        if (where.length === 0) return reply(this.texts.t('poll.waar'));
        const dilemmaId = this.dilemmaArg(rest);
        if (dilemmaId && !this.deck.get(dilemmaId)) return this.unknownDilemma(dilemmaId);
        const poll = await this.scheduler.startNow(where, dilemmaId, now, this.openHours(args));
        if (!poll) return reply(this.texts.t('poll.geen_dilemma'));
        const titel = this.deck.get(poll.dilemmaId)?.titel ?? '';
        if (poll.posts.length === 0) return reply(this.texts.t('poll.niet_geplaatst', { titel }));
        return reply(this.texts.t('poll.gestart', {
          titel,
          kanalen: this.channels(poll.posts.length),
          sluit: localMoment(poll.closesAt),
        }));
      }
      default:
        return reply(this.texts.t('poll.gebruik'));
    }
  }

  private dilemmaArg(raw: string): string | null {
    return /\bdilemma\s+([a-z0-9-]+)/i.exec(raw)?.[1]?.toLowerCase() ?? null;
  }

  private openHours(args: string[]): number {
    const index = args.findIndex((w) => /^dag(en)?$/.test(w));
    const days = index > 0 ? Number(args[index - 1]) : NaN;
    return Number.isFinite(days) && days >= 1 && days <= 14 ? days * 24 : DEFAULT_OPEN_HOURS;
  }

  private async plan(args: string[], raw: string, where: PollTarget[]): Promise<BotReply> {
    const weekday = weekdayOf(args);
    const time = /\b(\d{1,2})[:.](\d{2})\b/.exec(args.join(' ')) ?? /\b(\d{1,2})\s*uur\b/.exec(args.join(' '));
    const hours = Number(time?.[1]);
    const minutes = Number(time?.[2] ?? 0);
    if (!weekday || !time || hours > 23 || minutes > 59) return reply(`${this.texts.t('poll.wanneer')} ${this.texts.t('poll.gebruik')}`);
    if (where.length === 0) return reply(this.texts.t('poll.waar'));
    const dilemmaId = this.dilemmaArg(raw);
    if (dilemmaId && !this.deck.get(dilemmaId)) return this.unknownDilemma(dilemmaId);
    const clock = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
    const reminder = !/zonder herinnering|geen herinnering/.test(args.join(' '));
    const openHours = this.openHours(args);
    const plan = await this.store.addPlan({ targets: where, weekday, time: clock, dilemmaId, openHours, reminder });
    return reply(this.texts.t(reminder ? 'poll.gepland_met_herinnering' : 'poll.gepland', {
      code: plan.id.slice(0, 8),
      dag: WEEKDAYS[weekday - 1] ?? '',
      tijd: clock,
      dilemma: dilemmaId ? this.texts.t('poll.vast_dilemma', { id: dilemmaId }) : this.texts.t('poll.volgend_dilemma'),
      dagen: this.texts.t('poll.dagen', { aantal: openHours / 24 }),
      kanalen: this.channels(where.length),
    }));
  }

  private async list(): Promise<BotReply> {
    const plans = await this.store.plans();
    const open = await this.store.openPolls();
    const lines = [
      this.texts.t(plans.length === 0 ? 'poll.lijst.leeg' : 'poll.lijst.titel'),
      ...plans.map((p) => this.texts.t('poll.lijst.plan', {
        code: p.id.slice(0, 8),
        dag: WEEKDAYS[p.weekday - 1] ?? '',
        tijd: p.time,
        dagen: this.texts.t('poll.dagen', { aantal: p.openHours / 24 }),
        kanalen: p.targets.map((t) => `${t.platform}:${t.channel}`).join(', '),
      }) + (p.dilemmaId ? `, ${this.texts.t('poll.vast_dilemma', { id: p.dilemmaId })}` : '')),
      ...(open.length > 0
        ? [this.texts.t('poll.lijst.open'), ...open.map((p) => this.texts.t('poll.lijst.open_regel', {
            code: p.id.slice(0, 8),
            titel: this.deck.get(p.dilemmaId)?.titel ?? p.dilemmaId,
            sluit: localMoment(p.closesAt),
          }))]
        : []),
    ];
    return reply(lines.join('\n'));
  }
}
