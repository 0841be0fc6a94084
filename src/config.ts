import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GedragsbotError } from './core/errors.js';
import { DEFAULT_STORE } from './store/url.js';

/**
 * The one place that reads the environment. Every key is listed in
 * .env.example; a wrong value stops the start with a message saying what to set.
 */

/** The folder holding this package's package.json, whether running from src/ (tests) or dist/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gedragsbot') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new GedragsbotError('INTERNAL', 'package.json van gedragsbot niet gevonden');
    dir = parent;
  }
}

const schema = z.object({
  GEDRAGSBOT_RULES_DIR: z.string().min(1).optional(),
  GEDRAGSBOT_STATE_TTL_MINUTES: z.coerce
    .number({ error: 'een aantal minuten, bijv. 30' })
    .int('een heel aantal minuten')
    .min(1, 'minstens 1 minuut')
    .max(24 * 60, 'hoogstens 1440 minuten (een dag)')
    .default(30),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'debug, info, warn, error of silent' })
    .default('info'),
  GEDRAGSBOT_STORE: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'sqlite:PAD of postgres://gebruiker@host:5432/database')
    .default(DEFAULT_STORE),
  GEDRAGSBOT_MIN_CELL: z.coerce.number({ error: 'een aantal, bijv. 5' }).int().min(1, 'minstens 1').max(100).default(5),
  GEDRAGSBOT_RETENTION_MONTHS: z.coerce
    .number({ error: 'een aantal maanden, bijv. 60' })
    .int()
    .min(1, 'minstens 1 maand')
    .max(1200)
    .default(60),
  GEDRAGSBOT_COORDINATORS: z
    .string()
    .regex(
      /^\s*([a-z]+:[^,\s]+\s*(,\s*[a-z]+:[^,\s]+\s*)*)?$/,
      'kanaal:gebruikers-id, gescheiden door komma\'s, bijv. slack:U123,cli:jdevries',
    )
    .default(''),
  PORT: z.coerce.number({ error: 'een poortnummer, bijv. 3978' }).int().min(1).max(65535).default(3978),
  GEDRAGSBOT_HR_TOKEN: z
    .string()
    .min(24, 'minstens 24 tekens; maak er een met: openssl rand -hex 32')
    .optional(),
  MICROSOFT_APP_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'de app-id van de bot, een GUID zoals 1a2b3c4d-…')
    .optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'een bot-token dat begint met xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, 'het signing secret uit de Slack-app (Basic Information)').optional(),
  SLACK_API_URL: z.url('een URL, bijv. https://slack.com/api/').optional(),
});

export interface Config {
  rulesDir: string;
  stateTtlMs: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  store: string;
  minimumCell: number;
  retentionMonths: number;
  /** "kanaal:gebruiker" of everyone with the integrity coordinator's role. */
  coordinators: string[];
  port: number;
  /** Bearer token for HR's statistics endpoint; without it the endpoint is off. */
  hrToken: string | undefined;
  /** The Teams bot's app id. */
  microsoftAppId: string | undefined;
  /** Slack over HTTP, when both are set. */
  slack: { botToken: string; signingSecret: string; apiUrl: string | undefined } | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new GedragsbotError(
      'CONFIG_INVALID',
      `Ongeldige instelling in de omgeving:\n${lines.join('\n')}\nZie .env.example.`,
    );
  }
  const c = parsed.data;
  if (Boolean(c.SLACK_BOT_TOKEN) !== Boolean(c.SLACK_SIGNING_SECRET)) {
    throw new GedragsbotError('CONFIG_INVALID', 'Voor Slack zijn SLACK_BOT_TOKEN én SLACK_SIGNING_SECRET nodig; zie .env.example.');
  }
  return {
    rulesDir: resolve(c.GEDRAGSBOT_RULES_DIR ?? join(packageRoot(), 'rules')),
    stateTtlMs: c.GEDRAGSBOT_STATE_TTL_MINUTES * 60_000,
    logLevel: c.LOG_LEVEL,
    store: c.GEDRAGSBOT_STORE,
    minimumCell: c.GEDRAGSBOT_MIN_CELL,
    retentionMonths: c.GEDRAGSBOT_RETENTION_MONTHS,
    port: c.PORT,
    hrToken: c.GEDRAGSBOT_HR_TOKEN,
    microsoftAppId: c.MICROSOFT_APP_ID,
    slack:
      c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET
        ? { botToken: c.SLACK_BOT_TOKEN, signingSecret: c.SLACK_SIGNING_SECRET, apiUrl: c.SLACK_API_URL }
        : undefined,
    coordinators: c.GEDRAGSBOT_COORDINATORS.split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  };
}
