import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../helpers/cli.js';

/**
 * The two Slack app manifests (HTTP and Socket Mode) ask for exactly the bot
 * scopes the code needs, and stay in step with the handlers in
 * src/channels/slack. Each scope's source is Slack's reference page for the
 * method or event (docs.slack.dev/reference/methods/… and …/events/…).
 */

// Every Slack Web API method the code may call, with the bot scopes it needs. A call missing here fails the test.
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'], // a user id as channel opens the DM itself: no im:write
  'views.open': [], // "No scopes required"
  'views.publish': [], // "No scopes required"
};
// Every event the code may handle, with the scopes Slack requires to subscribe to it.
const EVENT_SCOPES: Record<string, string[]> = {
  'app_home_opened': [],
  'app_mention': ['app_mentions:read'],
  'message.im': ['im:history'],
};
const SLASH_COMMAND_SCOPES = ['commands'];
const MINIMAL_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history'];
const EVENTS_URL = 'https://<jouw-domein>/slack/events';

/** The parts of Slack's manifest format these tests read. */
interface Manifest {
  features: {
    app_home: Record<string, unknown>;
    slash_commands: { command: string; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = (name: string) =>
  parse(readFileSync(join(ROOT, 'manifests', 'slack', name), 'utf8')) as Manifest;
const HTTP = manifest('manifest.yaml');
const SOCKET = manifest('manifest-socket-mode.yaml');

/** The Slack code: every source file under src/channels/slack, the only place that talks to Slack. */
function slackSource(): string {
  const dir = join(ROOT, 'src', 'channels', 'slack');
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

function scopesTheCodeNeeds(): string[] {
  const code = slackSource();
  // WebClient calls (client.views.open(…)) and method names written out (the poster's 'chat.postMessage').
  const calls = [...code.matchAll(/\bclient\.([a-z]+\.[a-zA-Z]+)\(/g)].map((m) => m[1]!);
  const named = [...code.matchAll(/(?<![\w.$/])((?:chat|views|users|conversations|reactions|files|pins|usergroups|bookmarks|reminders|team)\.[a-z][a-zA-Z]+)\b(?![(.])/g)]
    .map((m) => m[1]!);
  const methods = new Set([...calls, ...named]);
  const events = new Set([...code.matchAll(/app\.event\('([^']+)'/g)].map((m) => m[1]!));
  // app.message handles direct messages only (channel_type im), which arrive as message.im.
  if (/app\.message\(/.test(code)) events.add('message.im');
  const unknown = [...methods].filter((m) => !(m in METHOD_SCOPES))
    .concat([...events].filter((e) => !(e in EVENT_SCOPES)));
  expect(unknown, 'Slack-methode of -event in de code zonder bekende scope: vul METHOD_SCOPES/EVENT_SCOPES en het manifest aan').toEqual([]);
  expect([...methods].sort()).toEqual(Object.keys(METHOD_SCOPES).sort());
  expect([...events].sort()).toEqual(Object.keys(EVENT_SCOPES).sort());
  const needed = [...methods].flatMap((m) => METHOD_SCOPES[m]!).concat([...events].flatMap((e) => EVENT_SCOPES[e]!));
  if (/app\.command\(/.test(code)) needed.push(...SLASH_COMMAND_SCOPES);
  return [...new Set(needed)].sort();
}

describe('the Slack app manifests', () => {
  it('ask for exactly the bot scopes the code needs, and no user scopes', () => {
    expect(scopesTheCodeNeeds()).toEqual(MINIMAL_SCOPES);
    for (const m of [HTTP, SOCKET]) {
      expect([...m.oauth_config.scopes.bot].sort()).toEqual(MINIMAL_SCOPES);
      expect(m.oauth_config.scopes.user).toBeUndefined();
    }
  });

  it('subscribe to every event the code handles, each with its scope present', () => {
    for (const m of [HTTP, SOCKET]) {
      expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(Object.keys(EVENT_SCOPES).sort());
      for (const event of m.settings.event_subscriptions.bot_events) {
        expect(EVENT_SCOPES[event], `${event} staat niet in EVENT_SCOPES`).toBeDefined();
        for (const scope of EVENT_SCOPES[event]!) expect(m.oauth_config.scopes.bot, event).toContain(scope);
      }
    }
    expect(HTTP.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('declare /integriteit and interactivity (buttons and the register modals)', () => {
    const code = slackSource();
    const commands = [...code.matchAll(/app\.command\('([^']+)'/g)].map((m) => m[1]);
    expect(commands).toEqual(['/integriteit']);
    expect(code).toMatch(/app\.action\(/);
    expect(code).toMatch(/app\.view\(/);
    for (const m of [HTTP, SOCKET]) {
      expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands);
      expect(m.oauth_config.scopes.bot).toContain('commands');
      expect(m.settings.interactivity.is_enabled).toBe(true);
    }
  });

  it('over HTTP send everything to /slack/events, with Socket Mode off', () => {
    expect(HTTP.settings.socket_mode_enabled).toBe(false);
    expect(HTTP.features.slash_commands.map((c) => c.url)).toEqual([EVENTS_URL]);
    expect(HTTP.settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    expect(HTTP.settings.interactivity.request_url).toBe(EVENTS_URL);
  });

  it('in Socket Mode have Socket Mode on and no request URLs, and otherwise match the HTTP manifest', () => {
    expect(SOCKET.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(SOCKET)).not.toMatch(/https?:|url/i);
    const withoutUrls = structuredClone(HTTP);
    for (const command of withoutUrls.features.slash_commands) delete command.url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(SOCKET).toEqual(withoutUrls);
  });
});
