import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from './package-root.js';
import { z } from 'zod';
import { GedragsbotError } from './core/errors.js';
import type { Address } from './core/outreach/model.js';
import { DEFAULT_STORE } from './store/url.js';
import { DEFAULT_BRAND_COLOUR, readableOnLight } from './channels/web/theme.js';

/**
 * The one place that reads the environment. Every key is listed in
 * .env.example; a wrong value stops the start with a message saying what to set.
 */

export { packageRoot } from './package-root.js';

/** "aan"/"uit" as well as true/false, 1/0, yes/no, ja/nee. */
function onOff(message: string) {
  return z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(['aan', 'uit', 'true', 'false', '1', '0', 'ja', 'nee', 'yes', 'no', 'on', 'off'], { error: message }))
    .transform((v) => ['aan', 'true', '1', 'ja', 'yes', 'on'].includes(v));
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Group ids (from the `groups` claim) or e-mail addresses, separated by commas. */
function roleList() {
  return z
    .string()
    .regex(/^\s*[^,\s]+(\s*,\s*[^,\s]+)*\s*$/, 'groeps-id\'s of e-mailadressen, gescheiden door komma\'s, bijv. 3f2a…-…,hr@gemeente.nl')
    .optional();
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
  GEDRAGSBOT_COORDINATOR_INBOX: z
    .string()
    .regex(
      /^\s*(slack|teams):[^,\s]+(\s*,\s*(slack|teams):[^,\s]+)*\s*$/,
      'slack:kanaal-id of teams:kanaal-id, gescheiden door komma\'s, bijv. slack:C0123ABCD of teams:19:abc…@thread.tacv2',
    )
    .optional(),
  GEDRAGSBOT_VRAAG_BEWAARDAGEN: z.coerce
    .number({ error: 'een aantal dagen, bijv. 30' })
    .int('een heel aantal dagen')
    .min(1, 'minstens 1 dag')
    .max(365, 'hoogstens 365 dagen')
    .default(30),
  GEDRAGSBOT_VRAAG_HERINNERING_WERKDAGEN: z.coerce
    .number({ error: 'een aantal werkdagen, bijv. 3' })
    .int('een heel aantal werkdagen')
    .min(1, 'minstens 1 werkdag')
    .max(60, 'hoogstens 60 werkdagen')
    .default(3),
  GEDRAGSBOT_NEVENWERK_MAAND: z.coerce
    .number({ error: 'een maand als getal, 1 (januari) tot 12 (december)' })
    .int('een maand als getal, 1 tot 12')
    .min(1, 'een maand als getal, 1 tot 12')
    .max(12, 'een maand als getal, 1 tot 12')
    .default(1),
  GEDRAGSBOT_CARDS_DIR: z.string().min(1).optional(),
  GEDRAGSBOT_WIO: z
    .string()
    .regex(
      /^\s*([a-z]+:[^,\s]+\s*(,\s*[a-z]+:[^,\s]+\s*)*)?$/,
      'kanaal:gebruikers-id, gescheiden door komma\'s, bijv. slack:U123,teams:6b1f…',
    )
    .default(''),
  PORT: z.coerce.number({ error: 'een poortnummer, bijv. 3978' }).int().min(1).max(65535).default(3978),
  HOST: z
    .string()
    .regex(/^[0-9a-zA-Z.:-]+$/, 'een adres om op te luisteren, bijv. 127.0.0.1 (alleen deze machine) of 0.0.0.0 (alle netwerken)')
    .default('127.0.0.1'),
  GEDRAGSBOT_TRUST_PROXY: z
    .string()
    .regex(/^(loopback|uniquelocal|linklocal|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/, 'loopback, een aantal proxy\'s (bijv. 1) of de adressen van je proxy')
    .optional(),
  GEDRAGSBOT_WEBCHAT: onOff('aan of uit').default(true),
  GEDRAGSBOT_WEBCHAT_ORGANISATIE: z.string().trim().min(2, 'de naam van je organisatie, bijv. Gemeente Voorbeeld').max(80, 'hoogstens 80 tekens').optional(),
  GEDRAGSBOT_WEBCHAT_KLEUR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'een kleur als #rrggbb, bijv. #1d4f91')
    .refine(readableOnLight, 'te licht: witte tekst op deze kleur is slecht leesbaar (contrast onder 4,5:1); kies een donkerdere tint')
    .default(DEFAULT_BRAND_COLOUR),
  GEDRAGSBOT_WEBCHAT_LOGO: z
    .string()
    .regex(/\.(svg|png|jpe?g|webp)$/i, 'het pad naar een logo als .svg, .png, .jpg of .webp')
    .refine((path) => existsSync(path), 'dit bestand bestaat niet')
    .optional(),
  GEDRAGSBOT_WEBCHAT_COOKIE_DAGEN: z.coerce
    .number({ error: 'een aantal dagen, bijv. 30' })
    .int('een heel aantal dagen')
    .min(1, 'minstens 1 dag')
    .max(400, 'hoogstens 400 dagen (browsers houden een cookie niet langer)')
    .default(30),
  GEDRAGSBOT_RATE_LIMIT: z.coerce
    .number({ error: 'een aantal verzoeken per minuut, bijv. 60' })
    .int()
    .min(1, 'minstens 1 per minuut')
    .max(100_000)
    .default(60),
  GEDRAGSBOT_SECRET: z
    .string()
    .min(32, 'minstens 32 tekens; maak er een met: openssl rand -hex 32')
    .optional(),
  GEDRAGSBOT_TEAMS_DEVMODE: onOff('aan of uit').default(false),
  GEDRAGSBOT_TEAMS_SERVICE_URLS: z
    .string()
    .regex(/^\s*https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*\s*$/, 'adressen gescheiden door komma\'s, bijv. https://smba.trafficmanager.net/')
    .optional(),
  GEDRAGSBOT_HR_TOKEN: z
    .string()
    .min(24, 'minstens 24 tekens; maak er een met: openssl rand -hex 32')
    .optional(),
  MICROSOFT_APP_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'de app-id van de bot, een GUID zoals 1a2b3c4d-…')
    .optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(8, 'het client secret van de app-registratie in Azure').optional(),
  MICROSOFT_APP_TENANT_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'de tenant-id van de organisatie in Azure, een GUID')
    .optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'een bot-token dat begint met xoxb-').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'een app-token dat begint met xapp- (Basic Information → App-Level Tokens)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, 'het signing secret uit de Slack-app (Basic Information)').optional(),
  SLACK_API_URL: z.url('een URL, bijv. https://slack.com/api/').optional(),
  HTTPS_PROXY: z.url('de URL van de uitgaande proxy, bijv. http://proxy.gemeente.local:8080').optional(),
  NO_PROXY: z.string().optional(),
  GEDRAGSBOT_OIDC_ISSUER: z.url('het adres van de OpenID Connect-provider, bijv. https://login.microsoftonline.com/<tenant-id>/v2.0').optional(),
  GEDRAGSBOT_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  GEDRAGSBOT_OIDC_CLIENT_SECRET: z.string().min(8, 'het client secret van de app-registratie').optional(),
  GEDRAGSBOT_PUBLIC_URL: z
    .url('het adres waarop mensen de bot openen, bijv. https://gedragsbot.gemeente.nl')
    .regex(/^https?:\/\/[^/?#]+\/?$/, 'alleen het adres zelf, zonder pad, bijv. https://gedragsbot.gemeente.nl')
    .optional(),
  GEDRAGSBOT_ROLE_HR: roleList(),
  GEDRAGSBOT_ROLE_COORDINATOR: roleList(),
  GEDRAGSBOT_ROLE_WIO: roleList(),
  GEDRAGSBOT_SESSION_HOURS: z.coerce
    .number({ error: 'een aantal uren, bijv. 8' })
    .int('een heel aantal uren')
    .min(1, 'minstens 1 uur')
    .max(24 * 7, 'hoogstens 168 uur (een week)')
    .default(8),
});

/** Every environment variable the bot reads; .env.example lists each (a test checks it). */
export const CONFIG_KEYS = Object.keys(schema.shape);

export interface Config {
  rulesDir: string;
  stateTtlMs: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  store: string;
  minimumCell: number;
  retentionMonths: number;
  /** "kanaal:gebruiker" of everyone with the integrity coordinator's role. */
  coordinators: string[];
  /** The dilemma cards, one JSON file each. */
  cardsDir: string;
  /** Questions to the coordinator: where they arrive, how long a closed one is kept, when to remind. */
  questions: QuestionConfig;
  /** The month (1–12) of the yearly side-job confirmation. */
  sideJobMonth: number;
  /** "kanaal:gebruiker" of the integrity working group, who plan the weekly poll. */
  wio: string[];
  port: number;
  /** The address the server listens on; loopback unless IT opens it up. */
  host: string;
  /** Express's "trust proxy": which proxy may say the visitor's address and https. */
  trustProxy: string | undefined;
  /** The local web chat on /; off in production when only Slack and Teams are used. */
  webChat: boolean;
  /** How the web chat looks: the organisation's name, colour and logo, and its cookie's lifetime. */
  webChatLook: WebChatLook;
  /** Requests per minute per address on the web chat and HR routes. */
  rateLimitPerMinute: number;
  /** Key material for hashing web-chat visitors; without it the store keeps a generated one. */
  secret: string | undefined;
  /** Teams without authentication, for a local emulator only; refused unless the server listens on loopback. */
  teamsDevelopment: boolean;
  /** Prefixes of the Bot Framework service URLs replies may go to; unset: Microsoft's own. */
  teamsServiceUrls: string[] | undefined;
  /** Bearer token for HR's statistics endpoint; without it the endpoint is off. */
  hrToken: string | undefined;
  /** The Teams bot's app id. */
  microsoftAppId: string | undefined;
  /** Teams with real authentication; undefined runs /api/messages in development mode, without it. */
  teams: TeamsCredentials | undefined;
  /** Slack over HTTP (token + signing secret) or Socket Mode (token + app token). */
  slack: SlackConfig | undefined;
  /** Sign-in with OpenID Connect for the back office and the web chat; undefined: no sign-in. */
  oidc: OidcConfig | undefined;
}

export interface WebChatLook {
  /** Shown beside the logo; unset: only the bot's own name. */
  organisation: string | undefined;
  /** #rrggbb; white text on it reads at WCAG AA. */
  colour: string;
  /** A file on this machine (svg, png, jpg, webp). */
  logo: string | undefined;
  cookieDays: number;
}

export interface QuestionConfig {
  /** The coordinators' channels; empty: questions only on the back office's page, if sign-in is on. */
  inbox: Address[];
  keepDays: number;
  reminderWorkingDays: number;
}

/** Who gets a role: group ids from the `groups` claim, or e-mail addresses (compared without case). */
export interface RoleMembers {
  hr: string[];
  coordinator: string[];
  wio: string[];
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset: a public client, PKCE only. */
  clientSecret: string | undefined;
  /** Where people open the bot; the callback is `${publicUrl}/auth/callback`. */
  publicUrl: string;
  roles: RoleMembers;
  sessionHours: number;
}

export interface TeamsCredentials {
  appId: string;
  password: string;
  tenantId: string;
}

export interface SlackConfig {
  botToken: string;
  /** Checks the signature of every HTTP request; Socket Mode does not need it. */
  signingSecret?: string | undefined;
  /** Set: Socket Mode, no public URL needed. */
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** The organisation's outgoing proxy, for the answers the bot posts. */
  proxy?: { httpsProxy?: string | undefined; noProxy?: string | undefined } | undefined;
}

function teamsCredentials(c: z.infer<typeof schema>): TeamsCredentials | undefined {
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: password, MICROSOFT_APP_TENANT_ID: tenantId } = c;
  if (!password && !tenantId) return undefined;
  if (!appId || !password || !tenantId) {
    const missing = [!appId && 'MICROSOFT_APP_ID', !password && 'MICROSOFT_APP_PASSWORD', !tenantId && 'MICROSOFT_APP_TENANT_ID'].filter(Boolean);
    throw new GedragsbotError('CONFIG_INVALID', `Voor Teams zijn MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD en MICROSOFT_APP_TENANT_ID samen nodig; stel ook ${missing.join(' en ')} in (zie .env.example).`);
  }
  return { appId, password, tenantId };
}

function slackConfig(c: z.infer<typeof schema>): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = c;
  if (!botToken && !signingSecret && !appToken) return undefined;
  if (!botToken) throw new GedragsbotError('CONFIG_INVALID', 'Voor Slack is SLACK_BOT_TOKEN nodig (OAuth & Permissions → Bot User OAuth Token); zie .env.example.');
  if (!signingSecret && !appToken) {
    throw new GedragsbotError('CONFIG_INVALID', 'Voor Slack is naast SLACK_BOT_TOKEN ook SLACK_SIGNING_SECRET (HTTP) of SLACK_APP_TOKEN (Socket Mode) nodig; zie .env.example.');
  }
  const proxy = { httpsProxy: c.HTTPS_PROXY, noProxy: c.NO_PROXY };
  return { botToken, signingSecret, appToken, apiUrl: c.SLACK_API_URL, proxy };
}

function oidcConfig(c: z.infer<typeof schema>): OidcConfig | undefined {
  const { GEDRAGSBOT_OIDC_ISSUER: issuer, GEDRAGSBOT_OIDC_CLIENT_ID: clientId, GEDRAGSBOT_PUBLIC_URL: publicUrl } = c;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId || !publicUrl) {
    const missing = [!issuer && 'GEDRAGSBOT_OIDC_ISSUER', !clientId && 'GEDRAGSBOT_OIDC_CLIENT_ID', !publicUrl && 'GEDRAGSBOT_PUBLIC_URL'].filter(Boolean);
    throw new GedragsbotError('CONFIG_INVALID', `Voor inloggen zijn GEDRAGSBOT_OIDC_ISSUER, GEDRAGSBOT_OIDC_CLIENT_ID en GEDRAGSBOT_PUBLIC_URL samen nodig; stel ook ${missing.join(' en ')} in (zie .env.example).`);
  }
  const issuerUrl = new URL(issuer);
  if (issuerUrl.protocol !== 'https:' && !LOOPBACK.has(issuerUrl.hostname.replace(/^\[|\]$/g, ''))) {
    throw new GedragsbotError('CONFIG_INVALID', 'GEDRAGSBOT_OIDC_ISSUER moet met https:// beginnen (http alleen voor een provider op deze machine).');
  }
  const roles = {
    hr: list(c.GEDRAGSBOT_ROLE_HR) ?? [],
    coordinator: list(c.GEDRAGSBOT_ROLE_COORDINATOR) ?? [],
    wio: list(c.GEDRAGSBOT_ROLE_WIO) ?? [],
  };
  return { issuer, clientId, clientSecret: c.GEDRAGSBOT_OIDC_CLIENT_SECRET, publicUrl: publicUrl.replace(/\/$/, ''), roles, sessionHours: c.GEDRAGSBOT_SESSION_HOURS };
}

function inboxOf(c: z.infer<typeof schema>): Address[] {
  const inbox = (list(c.GEDRAGSBOT_COORDINATOR_INBOX) ?? []).map((entry): Address => {
    const [platform, ...rest] = entry.split(':');
    return platform === 'slack' ? { platform: 'slack', channel: rest.join(':') } : { platform: 'teams', channel: rest.join(':') };
  });
  // Where answers go is sealed with this key; a key generated into the same database would not protect it.
  if (inbox.length > 0 && !c.GEDRAGSBOT_SECRET) {
    throw new GedragsbotError('CONFIG_INVALID', 'Met GEDRAGSBOT_COORDINATOR_INBOX is ook GEDRAGSBOT_SECRET nodig: daarmee worden de adressen van vraagstellers versleuteld. Maak er een met: openssl rand -hex 32');
  }
  return inbox;
}

function list(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((v) => v.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty line in .env means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new GedragsbotError(
      'CONFIG_INVALID',
      `Ongeldige instelling in de omgeving:\n${lines.join('\n')}\nZie .env.example.`,
    );
  }
  const c = parsed.data;
  const teams = teamsCredentials(c);
  if (c.GEDRAGSBOT_TEAMS_DEVMODE && teams) {
    throw new GedragsbotError('CONFIG_INVALID', 'GEDRAGSBOT_TEAMS_DEVMODE staat aan terwijl de Teams-sleutels zijn ingesteld; zet de ontwikkelmodus uit.');
  }
  if (c.GEDRAGSBOT_TEAMS_DEVMODE && !LOOPBACK.has(c.HOST)) {
    throw new GedragsbotError(
      'CONFIG_INVALID',
      `GEDRAGSBOT_TEAMS_DEVMODE (Teams zonder controle van de afzender) mag alleen als de server op deze machine luistert: zet HOST op 127.0.0.1 in plaats van ${c.HOST}, of stel de Teams-sleutels in.`,
    );
  }
  return {
    rulesDir: resolve(c.GEDRAGSBOT_RULES_DIR ?? join(packageRoot(), 'rules')),
    stateTtlMs: c.GEDRAGSBOT_STATE_TTL_MINUTES * 60_000,
    logLevel: c.LOG_LEVEL,
    store: c.GEDRAGSBOT_STORE,
    minimumCell: c.GEDRAGSBOT_MIN_CELL,
    retentionMonths: c.GEDRAGSBOT_RETENTION_MONTHS,
    port: c.PORT,
    host: c.HOST,
    trustProxy: c.GEDRAGSBOT_TRUST_PROXY,
    webChat: c.GEDRAGSBOT_WEBCHAT,
    webChatLook: {
      organisation: c.GEDRAGSBOT_WEBCHAT_ORGANISATIE,
      colour: c.GEDRAGSBOT_WEBCHAT_KLEUR.toLowerCase(),
      logo: c.GEDRAGSBOT_WEBCHAT_LOGO === undefined ? undefined : resolve(c.GEDRAGSBOT_WEBCHAT_LOGO),
      cookieDays: c.GEDRAGSBOT_WEBCHAT_COOKIE_DAGEN,
    },
    rateLimitPerMinute: c.GEDRAGSBOT_RATE_LIMIT,
    secret: c.GEDRAGSBOT_SECRET,
    teamsDevelopment: c.GEDRAGSBOT_TEAMS_DEVMODE,
    teamsServiceUrls: list(c.GEDRAGSBOT_TEAMS_SERVICE_URLS),
    hrToken: c.GEDRAGSBOT_HR_TOKEN,
    microsoftAppId: c.MICROSOFT_APP_ID,
    teams,
    slack: slackConfig(c),
    oidc: oidcConfig(c),
    cardsDir: resolve(c.GEDRAGSBOT_CARDS_DIR ?? join(packageRoot(), 'cards', 'dilemmas')),
    questions: {
      inbox: inboxOf(c),
      keepDays: c.GEDRAGSBOT_VRAAG_BEWAARDAGEN,
      reminderWorkingDays: c.GEDRAGSBOT_VRAAG_HERINNERING_WERKDAGEN,
    },
    sideJobMonth: c.GEDRAGSBOT_NEVENWERK_MAAND,
    wio: list(c.GEDRAGSBOT_WIO) ?? [],
    coordinators: list(c.GEDRAGSBOT_COORDINATORS) ?? [],
  };
}
