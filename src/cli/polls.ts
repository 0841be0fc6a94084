import { SlackPollPublisher } from '../channels/slack/polls.js';
import { SlackPoster } from '../channels/slack/poster.js';
import { teamsPoster } from '../channels/teams/adapter.js';
import { TeamsPollPublisher } from '../channels/teams/polls.js';
import type { Config } from '../config.js';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import { loadDilemmas } from '../core/dilemmas/load.js';
import { GedragsbotError } from '../core/errors.js';
import { PollCommands } from '../core/polls/commands.js';
import type { PollTarget, PostRef } from '../core/polls/model.js';
import type { PollCard, PollPublisher } from '../core/polls/ports.js';
import { PollScheduler } from '../core/polls/scheduler.js';
import type { Logger } from '../core/usage.js';
import { createLogger } from '../logging.js';
import { readTexts } from '../core/texts/load.js';
import type { Texts } from '../core/texts/texts.js';
import { localMoment } from '../core/texts/time.js';
import { RoutingPublisher } from '../server/polls.js';
import type { StoreServices } from '../store/index.js';
import { format } from 'date-fns';
import { nl } from 'date-fns/locale';
import { z } from 'zod';
import { count } from './options.js';

/**
 * `gedragsbot poll …` for the WIO and IT: the same commands as in chat, plus
 * run-due, which does what is due at a given moment (operations and tests).
 * Posting uses the Slack and Teams settings of the server.
 */
export interface PollCliOptions {
  'kanaal'?: string[] | undefined;
  'dag'?: string | undefined;
  'tijd'?: string | undefined;
  'dilemma'?: string | undefined;
  'dagen'?: string | undefined;
  'zonder-herinnering'?: boolean | undefined;
  'now'?: string | undefined;
}

function targetsOf(values: string[]): PollTarget[] {
  return values.map((value) => {
    const match = /^(slack|teams):(.+)$/.exec(value.trim());
    if (!match?.[1] || !match[2]) {
      throw new GedragsbotError('INPUT_INVALID', `--kanaal "${value}": schrijf slack:KANAAL-ID of teams:KANAAL-ID, bijv. slack:C0123ABC`);
    }
    return { platform: match[1] as PollTarget['platform'], channel: match[2] };
  });
}

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
const SUBCOMMANDS = ['plan', 'lijst', 'annuleer', 'nu', 'run-due'] as const;
const CLI_USAGE = 'gedragsbot poll plan --kanaal slack:C0123 --dag dinsdag --tijd 10:00 [--dilemma ID] [--dagen 3] '
  + '[--zonder-herinnering] | poll lijst | poll annuleer CODE | poll nu --kanaal … [--dilemma ID] [--dagen 3] | poll run-due [--now …]';

const days = z.coerce.number({ error: 'een aantal dagen, bijv. 3' }).int('een heel aantal dagen').min(1, 'minstens 1 dag').max(14, 'hoogstens 14 dagen').optional();
const channels = z.array(z.string(), { error: 'noem minstens één kanaal, bijv. --kanaal slack:C0123ABC' }).min(1, 'noem minstens één kanaal, bijv. --kanaal slack:C0123ABC');

/** The flags, checked as flags: a mistake names the flag, not the chat command it becomes. */
const FLAGS = {
  plan: z.object({
    dag: z.enum(WEEKDAYS, { error: `een weekdag: ${WEEKDAYS.join(', ')}` }),
    tijd: z.string({ error: 'een tijd als 10:00' }).regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'een tijd als 10:00 (uren 0–23, minuten 00–59)'),
    dagen: days,
    kanaal: channels,
  }),
  nu: z.object({ dagen: days, kanaal: channels }),
} as const;

function checkFlags(sub: keyof typeof FLAGS, values: PollCliOptions): void {
  const { dag, tijd, dagen, kanaal } = values;
  const given = { dag: dag?.trim().toLowerCase(), tijd: tijd?.trim(), dagen, kanaal };
  const parsed = FLAGS[sub].safeParse(given);
  if (parsed.success) return;
  const why = parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n');
  throw new GedragsbotError('INPUT_INVALID', `Ongeldige optie voor poll ${sub}:\n${why}`);
}

/** Which platforms this server can post in; a platform without settings is not tried at all. */
interface Reach {
  slack: boolean;
  teams: boolean;
}

const PLATFORM = { slack: 'Slack', teams: 'Teams' } as const;
const NO_CHANNEL = 'Geen kanaal bereikbaar: Slack en Teams zijn op deze server niet ingesteld, dus er kan geen poll worden '
  + 'geplaatst. Er is niets uitgevoerd. Stel SLACK_BOT_TOKEN en SLACK_SIGNING_SECRET in (Slack), of MICROSOFT_APP_ID, '
  + 'MICROSOFT_APP_PASSWORD en MICROSOFT_APP_TENANT_ID (Teams); zie .env.example.';

function unreachable(targets: PollTarget[], reach: Reach): string[] {
  return [...new Set(targets.filter((t) => !reach[t.platform]).map((t) => PLATFORM[t.platform]))];
}

/** Remembers every channel a post did not reach, so the command can say so and exit non-zero. */
class CountingPublisher implements PollPublisher {
  readonly failed: string[] = [];
  constructor(private readonly inner: PollPublisher) {}

  async post(target: PollTarget, card: PollCard): Promise<PostRef> {
    try {
      return await this.inner.post(target, card);
    } catch (error) {
      this.failed.push(`${target.platform}:${target.channel}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  reply(post: PostRef, card: PollCard): Promise<void> {
    return this.inner.reply(post, card);
  }
}

/** "2026-11-24T10:00" (a local slot) as "dinsdag 24 november om 10:00". */
function slotWords(local: string): string {
  const [day = '', time = ''] = local.split('T');
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return format(new Date(year, month - 1, date, hours, minutes), 'EEEE d MMMM \'om\' HH:mm', { locale: nl });
}

function when(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new GedragsbotError('INPUT_INVALID', `--now "${raw}": gebruik een ISO-tijd, bijv. 2026-11-24T10:00:00+01:00`);
  return at;
}

export async function pollCommand(
  services: StoreServices,
  config: Config,
  rest: string[],
  values: PollCliOptions,
): Promise<PollOutcome> {
  const logger = createLogger(config.logLevel);
  const deck = loadDilemmas(config.cardsDir);
  const texts = readTexts(config.rulesDir);
  const reach: Reach = {
    slack: config.slack !== undefined,
    teams: config.teams !== undefined || config.teamsDevelopment,
  };
  const routing = new RoutingPublisher();
  if (reach.teams) routing.teams = new TeamsPollPublisher(teamsPoster(config.teams), services.channels);
  const { slack } = config;
  const poster = slack ? new SlackPoster(slack.botToken, slack.apiUrl, slack.proxy) : undefined;
  if (poster) routing.slack = new SlackPollPublisher(poster);
  try {
    return await run({ services, deck, publisher: new CountingPublisher(routing), logger, texts, reach }, rest, values);
  } finally {
    await poster?.close();
  }
}

/** What the command prints and its exit code: 1 when something that should have gone out did not. */
export interface PollOutcome {
  output: string;
  code: number;
}

interface PollTools {
  services: StoreServices;
  deck: DilemmaDeck;
  publisher: CountingPublisher;
  logger: Logger;
  texts: Texts;
  reach: Reach;
}

async function runDue(tools: PollTools, scheduler: PollScheduler, now: Date): Promise<PollOutcome> {
  if (!tools.reach.slack && !tools.reach.teams) return { output: NO_CHANNEL, code: 2 };
  const report = await scheduler.runDue(now);
  const lines = [
    `Uitgevoerd voor ${localMoment(now)} (Nederlandse tijd):`,
    `  geplaatst: ${count(report.posted.length, 'poll', 'polls')}${report.posted.length > 0 ? ` (${report.posted.map(slotWords).join('; ')})` : ''}`,
    `  overgeslagen omdat de bot er meer dan een dag te laat voor was: ${count(report.skipped.length, 'poll', 'polls')}`,
    `  herinneringen: ${String(report.reminded.length)}`,
    `  gesloten met uitslag: ${count(report.closed.length, 'poll', 'polls')}`,
  ];
  if (report.failed.length > 0) {
    lines.push(`  niet geplaatst in ${count(report.failed.length, 'kanaal', 'kanalen')}:`, ...report.failed.map((f) => `    ${f}`));
  }
  return { output: lines.join('\n'), code: report.failed.length > 0 ? 1 : 0 };
}

async function run(tools: PollTools, rest: string[], values: PollCliOptions): Promise<PollOutcome> {
  const { services, deck, publisher, logger, texts, reach } = tools;
  const scheduler = new PollScheduler(services.polls, deck, publisher, services.usage, logger, texts);
  const now = when(values.now);
  const [sub = '', ...args] = rest;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new GedragsbotError('INPUT_INVALID', `Onbekende opdracht "poll ${sub}". Gebruik: ${CLI_USAGE}`);
  }
  if (sub === 'run-due') return runDue(tools, scheduler, now);
  if (sub === 'annuleer') {
    const code = args[0] ?? '';
    if (!code) throw new GedragsbotError('INPUT_INVALID', 'Geef de code van het plan mee: gedragsbot poll annuleer CODE (zie "poll lijst").');
    const cancelled = await services.polls.cancelPlan(code.toLowerCase());
    return cancelled
      ? { output: texts.t('poll.geannuleerd', { code }), code: 0 }
      : { output: texts.t('poll.plan_onbekend', { code }), code: 1 };
  }
  if (sub === 'plan' || sub === 'nu') checkFlags(sub, values);
  const targets = targetsOf(values.kanaal ?? []);
  const missing = unreachable(targets, reach);
  if (sub === 'nu' && missing.length === targets.length) {
    return { output: `Geen kanaal bereikbaar: ${missing.join(' en ')} is op deze server niet ingesteld, dus de poll kan nergens worden geplaatst. Er is niets uitgevoerd.`, code: 2 };
  }
  const commands = new PollCommands(services.polls, scheduler, deck, new Set(), texts);
  const words = [
    sub,
    ...args,
    values.dag ?? '',
    values.tijd ?? '',
    values.dilemma ? `dilemma ${values.dilemma}` : '',
    values.dagen ? `${values.dagen} dagen` : '',
    values['zonder-herinnering'] ? 'zonder herinnering' : '',
  ].filter(Boolean);
  const reply = await commands.handle(`poll ${words.join(' ')}`, { user: undefined, here: undefined }, now, targets);
  const output = reply?.text ?? '';
  if (publisher.failed.length > 0) {
    const lines = [output, `Niet geplaatst in ${count(publisher.failed.length, 'kanaal', 'kanalen')}:`, ...publisher.failed.map((f) => `  ${f}`)];
    return { output: lines.join('\n'), code: 1 };
  }
  if (sub === 'plan' && missing.length > 0) {
    return { output: `${output}\nLet op: ${missing.join(' en ')} is op deze server niet ingesteld; daar wordt deze poll pas geplaatst als dat wel zo is.`, code: 0 };
  }
  return { output, code: 0 };
}
