import { SlackPollPublisher } from '../channels/slack/polls.js';
import { SlackPoster } from '../channels/slack/poster.js';
import { teamsPoster } from '../channels/teams/adapter.js';
import { TeamsPollPublisher } from '../channels/teams/polls.js';
import type { Config } from '../config.js';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import { loadDilemmas } from '../core/dilemmas/load.js';
import { GedragsbotError } from '../core/errors.js';
import { PollCommands } from '../core/polls/commands.js';
import type { PollTarget } from '../core/polls/model.js';
import { PollScheduler } from '../core/polls/scheduler.js';
import type { Logger } from '../core/usage.js';
import { createLogger } from '../logging.js';
import { readTexts } from '../core/texts/load.js';
import type { Texts } from '../core/texts/texts.js';
import { RoutingPublisher } from '../server/polls.js';
import type { StoreServices } from '../store/index.js';
import { z } from 'zod';

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

/** The plan's flags, checked as flags: a mistake names the flag, not the chat command it becomes. */
const planFlags = z.object({
  dag: z.enum(WEEKDAYS, { error: `een weekdag: ${WEEKDAYS.join(', ')}` }),
  tijd: z.string({ error: 'een tijd als 10:00' }).regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'een tijd als 10:00 (uren 0–23, minuten 00–59)'),
  dagen: z.coerce.number({ error: 'een aantal dagen, bijv. 3' }).int('een heel aantal dagen').min(1, 'minstens 1 dag').max(14, 'hoogstens 14 dagen').optional(),
});

function checkPlanFlags(values: PollCliOptions): void {
  const given = { dag: values.dag?.trim().toLowerCase(), tijd: values.tijd?.trim(), dagen: values.dagen };
  const parsed = planFlags.safeParse(given);
  if (parsed.success) return;
  const why = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
  throw new GedragsbotError('INPUT_INVALID', `Ongeldige optie voor poll plan:\n${why}`);
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
  const publisher = new RoutingPublisher();
  publisher.teams = new TeamsPollPublisher(teamsPoster(config.teams), services.channels);
  const { slack } = config;
  const poster = slack ? new SlackPoster(slack.botToken, slack.apiUrl, slack.proxy) : undefined;
  if (poster) publisher.slack = new SlackPollPublisher(poster);
  try {
    return await run({ services, deck, publisher, logger, texts }, rest, values);
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
  publisher: RoutingPublisher;
  logger: Logger;
  texts: Texts;
}

async function run(tools: PollTools, rest: string[], values: PollCliOptions): Promise<PollOutcome> {
  const { services, deck, publisher, logger, texts } = tools;
  const scheduler = new PollScheduler(services.polls, deck, publisher, services.usage, logger, texts);
  const now = when(values.now);
  const [sub = '', ...args] = rest;
  if (sub === 'run-due') {
    const report = await scheduler.runDue(now);
    const lines = [
      `Uitgevoerd voor ${now.toISOString()}:`,
      `  geplaatst: ${String(report.posted.length)}${report.posted.length > 0 ? ` (${report.posted.join(', ')})` : ''}`,
      `  overgeslagen (meer dan een dag te laat): ${String(report.skipped.length)}`,
      `  herinneringen: ${String(report.reminded.length)}`,
      `  gesloten met uitslag: ${String(report.closed.length)}`,
    ];
    if (report.failed.length > 0) {
      lines.push(`  niet geplaatst: ${String(report.failed.length)}`, ...report.failed.map((f) => `    ${f}`));
    }
    return { output: lines.join('\n'), code: report.failed.length > 0 ? 1 : 0 };
  }
  if (sub === 'plan') checkPlanFlags(values);
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
  const reply = await commands.handle(`poll ${words.join(' ')}`, { user: undefined, here: undefined }, now, targetsOf(values.kanaal ?? []));
  return { output: reply?.text ?? '', code: 0 };
}
