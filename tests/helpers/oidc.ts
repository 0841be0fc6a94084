import type { OidcConfig } from '../../src/config.js';
import { freePort } from './server.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider on loopback (oidc-provider, the certified implementation), with the
 * accounts a test needs. Its development login form takes any account name; a password is not checked.
 */
export interface TestAccount {
  sub: string;
  name: string;
  email: string;
  groups: string[];
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A free loopback port for the app, a provider that knows it, and the sign-in settings the app gets. */
export interface SignInSetup {
  port: number;
  base: string;
  provider: RunningProvider;
  oidc: OidcConfig;
}

export async function signInOnLoopback(accounts: TestAccount[], roles: OidcConfig['roles']): Promise<SignInSetup> {
  const port = await freePort();
  const base = `http://127.0.0.1:${String(port)}`;
  const provider = await startProvider(base, accounts);
  const oidc: OidcConfig = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    publicUrl: base,
    roles,
    sessionHours: 8,
  };
  return { port, base, provider, oidc };
}

export async function startProvider(appBase: string, accounts: TestAccount[]): Promise<RunningProvider> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${String((http.address() as AddressInfo).port)}`;
  const clientId = 'gedragsbot';
  const clientSecret = 'geheim-van-de-gedragsbot-0123456789';
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${appBase}/auth/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'groups'] },
    scopes: ['openid', 'profile', 'email'],
    // Entra sends the groups in the ID token; so does this provider.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['een-sleutel-voor-de-cookies-van-de-testprovider'] },
    findAccount: (_ctx, id) => {
      const account = accounts.find((a) => a.sub === id);
      if (!account) return undefined;
      const { name, email, groups } = account;
      return { accountId: id, claims: () => ({ sub: id, name, email, groups }) };
    },
    loadExistingGrant: async (ctx) => {
      // First-party app: consent is implied, as an organisation's own app registration does.
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['groups']);
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', () => undefined);
  const handle = provider.callback();
  http.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => {
        resolve();
      });
    }),
  };
}

interface GoInit {
  method?: string;
  body?: URLSearchParams | string;
  headers?: Record<string, string>;
}

/** A tiny browser for fetch: follows redirects, keeps cookies per host, submits the provider's forms. */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).host) ?? new Map<string, string>();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: string, response: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 0) continue;
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(pair.slice(0, at));
      else cookies.set(pair.slice(0, at), value);
    }
    this.jar.set(host, cookies);
  }

  /** One request with this browser's cookies; redirects followed. */
  async go(url: string, init: GoInit = {}): Promise<{ url: string; status: number; text: string; response: Response }> {
    let current = url;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, {
        method,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(current), ...(init.headers ?? {}), ...(body instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body === undefined ? {} : { body }),
      });
      this.keep(current, response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: current, status: response.status, text: await response.text(), response };
    }
    throw new Error('Te veel doorverwijzingen');
  }

  /** Signs in through the app: the app sends us to the provider, we type the account name, back we go. */
  async signIn(appUrl: string, sub: string): Promise<{ url: string; status: number; text: string }> {
    let page = await this.go(appUrl);
    for (let step = 0; step < 5 && /<form/.test(page.text) && page.url.includes('/interaction/'); step++) {
      const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const fields = new URLSearchParams();
      for (const [tag] of page.text.matchAll(/<input[^>]*>/g)) {
        const name = /name="([^"]+)"/.exec(tag)?.[1];
        if (name) fields.set(name, /value="([^"]*)"/.exec(tag)?.[1] ?? '');
      }
      if (fields.has('login')) fields.set('login', sub);
      if (fields.has('password')) fields.set('password', 'wat-dan-ook');
      page = await this.go(new URL(action.replace(/&amp;/g, '&'), page.url).href, { method: 'POST', body: fields });
    }
    return page;
  }
}
