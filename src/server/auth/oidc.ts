import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import * as client from 'openid-client';
import type { OidcConfig, RoleMembers } from '../../config.js';
import type { Logger } from '../../core/usage.js';
import { ROLES, type Role, type SessionService, type SessionUser } from '../../store/services/sessions.js';
import { messagePage } from '../backoffice/layout.js';
import type { Texts } from '../backoffice/texts.js';

/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce, through
 * openid-client. The sign-in in progress and the session live in the store, so any instance can take
 * the callback or the next request. The cookie holds a random token and its HMAC (signed, HttpOnly,
 * SameSite=Lax, Secure behind https); the store only knows a keyed hash of the token.
 */
export const SESSION_COOKIE = 'gedragsbot_sessie';
const LOGIN_TTL_MS = 10 * 60_000;

export interface SignInOptions {
  oidc: OidcConfig;
  sessions: SessionService;
  /** Signs the cookie. */
  key: () => Promise<string>;
  texts: Texts;
  logger: Logger;
  now?: () => Date;
}

export interface SignIn {
  router: Router;
  /** The signed-in person of this request, if any (read once per request). */
  person(req: Request): Promise<SessionUser | undefined>;
  /** Pages: anonymous → to the sign-in; signed in without the role → 403. */
  page(role?: Role): RequestHandler;
  /** JSON endpoints: anonymous → 401. */
  api(): RequestHandler;
}

/** The roles of a person, from the `groups` claim and the e-mail address (without case). */
export function rolesOf(members: RoleMembers, claims: { groups?: unknown; email?: string | null }): Role[] {
  const groups = new Set(Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : []);
  const email = claims.email?.toLowerCase();
  return ROLES.filter((role) => members[role].some((m) => (m.includes('@') ? m.toLowerCase() === email : groups.has(m))));
}

/** Only a path on this site: never a way to send someone elsewhere after signing in. */
export function safeReturn(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/';
}

function sign(key: string, token: string): string {
  return createHmac('sha256', key).update(`sessie:${token}`).digest('base64url');
}

function tokenFrom(cookieHeader: string | undefined, key: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})(?:;|$)`).exec(cookieHeader ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const expected = Buffer.from(sign(key, match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : undefined;
}

export function signIn(options: SignInOptions): SignIn {
  const { oidc, sessions, texts: t, logger } = options;
  const now = options.now ?? (() => new Date());
  const redirectUri = `${oidc.publicUrl}/auth/callback`;
  const secure = oidc.publicUrl.startsWith('https:');
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    const issuer = new URL(oidc.issuer);
    // http only for a provider on this machine (the config refuses it otherwise): the tests' provider.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- marked so it stands out; loopback only.
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    const authentication = oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None();
    discovered ??= client
      .discovery(issuer, oidc.clientId, oidc.clientSecret, authentication, { execute })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  const seen = new WeakMap<Request, Promise<SessionUser | undefined>>();
  const person = (req: Request) => {
    let known = seen.get(req);
    if (!known) {
      known = options.key().then((key) => {
        const token = tokenFrom(req.headers.cookie, key);
        return token ? sessions.get(token) : undefined;
      });
      seen.set(req, known);
    }
    return known;
  };
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: secure || req.secure, path: '/' });
  const failed = (res: Response, status: number) => {
    res.status(status).type('html').send(messagePage(t, t.t('inloggen.mislukt.titel'), [t.t('inloggen.mislukt.uitleg')], undefined, { href: '/auth/login', text: t.t('inloggen.opnieuw') }));
  };

  const router = express.Router();
  router.get('/auth/login', async (req, res) => {
    try {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      await sessions.startLogin(state, { verifier, nonce, returnTo: safeReturn(req.query.terug) }, LOGIN_TTL_MS);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      res.redirect(303, url.href);
    } catch (error) {
      logger.error('Inloggen niet te starten: de OpenID Connect-provider antwoordt niet', error);
      failed(res, 503);
    }
  });
  router.get('/auth/callback', async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const attempt = state ? await sessions.takeLogin(state) : undefined;
    if (!attempt) {
      logger.warn('Inloggen: onbekende of verlopen aanmelding', { status: 400 });
      failed(res, 400);
      return;
    }
    try {
      const config = await configuration();
      const current = new URL(req.originalUrl, oidc.publicUrl);
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('geen ID-token');
      const email = typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' && claims.preferred_username.includes('@') ? claims.preferred_username : null;
      const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : (email ?? claims.sub);
      const user: SessionUser = {
        owner: `oidc:${claims.sub}`,
        name: name.slice(0, 200),
        email,
        roles: rolesOf(oidc.roles, { groups: claims.groups, email }),
        expiresAt: new Date(now().getTime() + oidc.sessionHours * 3600_000).toISOString(),
      };
      const token = randomBytes(32).toString('base64url');
      await sessions.create(token, user);
      res.cookie(SESSION_COOKIE, `${token}.${sign(await options.key(), token)}`, { ...cookieOptions(req), maxAge: oidc.sessionHours * 3600_000 });
      res.redirect(303, attempt.returnTo);
    } catch (error) {
      logger.warn('Inloggen mislukt bij de OpenID Connect-provider', error);
      failed(res, 400);
    }
  });
  router.post('/auth/uitloggen', sameOrigin(oidc.publicUrl, t), async (req, res) => {
    const token = tokenFrom(req.headers.cookie, await options.key());
    if (token) await sessions.end(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(200).type('html').send(messagePage(t, t.t('uitgelogd.titel'), [t.t('uitgelogd.uitleg')], undefined, { href: '/auth/login', text: t.t('inloggen.opnieuw') }));
  });

  return {
    router,
    person,
    page: (role) => async (req, res, next) => {
      const user = await person(req);
      if (!user) {
        res.redirect(303, `/auth/login?terug=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      if (role && !user.roles.includes(role)) {
        res.status(403).type('html').send(messagePage(t, t.t('geweigerd.titel'), [t.t('geweigerd.uitleg', { rol: t.t(`rol.${role}`) })], user, { href: '/', text: t.t('geweigerd.naar_chat') }));
        return;
      }
      next();
    },
    api: () => async (req, res, next) => {
      if (!(await person(req))) {
        res.status(401).json({ error: t.t('inloggen.nodig') });
        return;
      }
      next();
    },
  };
}

/**
 * Forms that change something come from our own pages only. SameSite=Lax already keeps the cookie off
 * cross-site posts; this also refuses them outright.
 */
export function sameOrigin(publicUrl: string, t: Texts): RequestHandler {
  const ours = new URL(publicUrl).origin;
  return (req, res, next) => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const host = req.headers.host;
    const own = (o: string) => o === ours || (host !== undefined && URL.canParse(o) && new URL(o).host === host);
    // With Referrer-Policy no-referrer (helmet) Chromium sends "Origin: null" on our own forms; then the
    // browser's Sec-Fetch-Site says where the form came from.
    const foreign = origin !== undefined && origin !== 'null' && !own(origin);
    if (site === 'cross-site' || site === 'same-site' || foreign) {
      res.status(403).type('text/plain').send(t.t('formulier.andere_site'));
      return;
    }
    next();
  };
}
