import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../src/config.js';
import { GedragsbotError } from '../src/core/errors.js';

const configError = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    return error as GedragsbotError;
  }
};

describe('config', () => {
  it('.env.example names every setting, and nothing else', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('listens on loopback unless IT says otherwise; the web chat is on, Teams development mode off', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', webChat: true, teamsDevelopment: false, rateLimitPerMinute: 60 });
    expect(loadConfig({ HOST: '0.0.0.0', GEDRAGSBOT_WEBCHAT: 'uit' })).toMatchObject({ host: '0.0.0.0', webChat: false });
  });

  it('the web chat\'s look: sensible defaults, a readable colour, an existing logo', () => {
    expect(loadConfig({}).webChatLook).toEqual({ organisation: undefined, colour: '#1d4f91', logo: undefined, cookieDays: 30 });
    const logo = new URL('../src/channels/web/public/chat.css', import.meta.url).pathname.replace(/chat\.css$/, '');
    expect(configError({ GEDRAGSBOT_WEBCHAT_LOGO: `${logo}bestaat-niet.svg` })?.message).toContain('GEDRAGSBOT_WEBCHAT_LOGO: dit bestand bestaat niet');
    expect(loadConfig({ GEDRAGSBOT_WEBCHAT_ORGANISATIE: 'Gemeente Voorbeeld', GEDRAGSBOT_WEBCHAT_KLEUR: '#C8102E', GEDRAGSBOT_WEBCHAT_COOKIE_DAGEN: '7' }).webChatLook)
      .toMatchObject({ organisation: 'Gemeente Voorbeeld', colour: '#c8102e', cookieDays: 7 });
    expect(configError({ GEDRAGSBOT_WEBCHAT_KLEUR: '#ffcc00' })?.message).toContain('GEDRAGSBOT_WEBCHAT_KLEUR: te licht');
    expect(configError({ GEDRAGSBOT_WEBCHAT_KLEUR: 'blauw' })?.message).toContain('een kleur als #rrggbb');
  });

  it('Teams without authentication is refused unless the server listens on loopback', () => {
    expect(loadConfig({ GEDRAGSBOT_TEAMS_DEVMODE: 'aan' }).teamsDevelopment).toBe(true);
    const error = configError({ GEDRAGSBOT_TEAMS_DEVMODE: 'aan', HOST: '0.0.0.0' });
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toContain('HOST');
  });

  it('a wrong value says which key and what to set, and never echoes a secret', () => {
    const error = configError({ GEDRAGSBOT_SECRET: 'kort-geheim', GEDRAGSBOT_WEBCHAT: 'misschien' });
    expect(error?.message).toContain('GEDRAGSBOT_SECRET: minstens 32 tekens');
    expect(error?.message).toContain('GEDRAGSBOT_WEBCHAT: aan of uit');
    expect(error?.message).not.toContain('kort-geheim');
  });

  it('sign-in needs issuer, client id and public URL together; https unless the provider is on this machine', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    const config = loadConfig({
      GEDRAGSBOT_OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0',
      GEDRAGSBOT_OIDC_CLIENT_ID: 'app',
      GEDRAGSBOT_PUBLIC_URL: 'https://gedragsbot.gemeente.nl/',
      GEDRAGSBOT_ROLE_HR: 'grp-1, hr@gemeente.nl',
    });
    expect(config.oidc).toMatchObject({ publicUrl: 'https://gedragsbot.gemeente.nl', roles: { hr: ['grp-1', 'hr@gemeente.nl'], coordinator: [] }, sessionHours: 8 });
    expect(configError({ GEDRAGSBOT_OIDC_ISSUER: 'https://idp.example' })?.message).toContain('GEDRAGSBOT_OIDC_CLIENT_ID en GEDRAGSBOT_PUBLIC_URL');
    const plain = configError({ GEDRAGSBOT_OIDC_ISSUER: 'http://idp.example', GEDRAGSBOT_OIDC_CLIENT_ID: 'a', GEDRAGSBOT_PUBLIC_URL: 'https://x.nl' });
    expect(plain?.message).toContain('moet met https:// beginnen');
    expect(loadConfig({ GEDRAGSBOT_OIDC_ISSUER: 'http://127.0.0.1:9000', GEDRAGSBOT_OIDC_CLIENT_ID: 'a', GEDRAGSBOT_PUBLIC_URL: 'http://127.0.0.1:3978' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
  });
});
