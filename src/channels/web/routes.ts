import { createHmac, createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../../core/engine/engine.js';
import type { Interaction } from '../../core/engine/interaction.js';
import type { OwnData } from '../../core/registers/model.js';
import type { Logger } from '../../core/usage.js';
import { ownExport, type OwnExportFormat } from '../../reports/own-export.js';
import { chatPage } from './page.js';
import { webCard } from './render.js';
import { DEFAULT_BRAND_COLOUR, markSvg, themeCss } from './theme.js';

/**
 * The local web chat: a page, its script and style, POST /api/chat, and the visitor's own export as a file.
 * A random cookie keeps one conversation (and the person's own registrations) together. The store never sees
 * the cookie itself, only a keyed hash of it, so a leaked export or database cannot be used to act as that
 * visitor. The transcript lives in the browser's sessionStorage only; the server keeps no message text.
 */
const COOKIE = 'gedragsbot_web';
/** A typed message, or a pressed button: its action id and value (never a sentence to understand again). */
const message = z.union([
  z.object({ text: z.string().max(10_000) }),
  z.object({ action: z.string().max(64), value: z.string().max(2_000) }),
]);
/** Beside this module in src/ (tests) and in dist/ (the build copies it). */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

export interface WebChatLook {
  organisation?: string | undefined;
  colour?: string | undefined;
  /** A logo file on this machine; without it the bot's own mark. */
  logo?: string | undefined;
  cookieDays?: number | undefined;
}

export interface WebChatOptions {
  engine: Engine;
  logger: Logger;
  /** The key for hashing visitors; resolved once, on the first message. */
  visitorKey: () => Promise<string>;
  /**
   * With sign-in configured: the signed-in person ("oidc:<sub>"), who then owns the conversation and
   * the registrations instead of a cookie; anonymous visitors are sent to sign in and get no answer.
   */
  signedIn?: { owner(req: Request): Promise<string | undefined>; loginPath(returnTo: string): string } | undefined;
  look?: WebChatLook | undefined;
  /** The visitor's own data, for the download. */
  exportOwn?: ((owner: string) => Promise<OwnData>) | undefined;
}

function cookieOf(cookieHeader: string | undefined): string | null {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f-]{36})(?:;|$)`).exec(cookieHeader ?? '');
  return match?.[1] ?? null;
}

/** "web:" and an HMAC of the cookie: stable for one visitor, meaningless without the server's key. */
export function visitorId(key: string | KeyObject, cookie: string): string {
  return `web:${createHmac('sha256', key).update(cookie).digest('base64url')}`;
}

/**
 * A download of someone's own data is only started by our own page: a link on another site (a top-level
 * navigation that carries the Lax cookie) is refused. Browsers always send Sec-Fetch-Site; scripts without it
 * still need the visitor's cookie.
 */
function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

export function webChatRoutes({ engine, logger, visitorKey, signedIn, look = {}, exportOwn }: WebChatOptions): Router {
  const router = express.Router();
  const texts = engine.texts;
  const colour = look.colour ?? DEFAULT_BRAND_COLOUR;
  const cookieDays = look.cookieDays ?? 30;
  const page = chatPage(texts, { organisation: look.organisation, ownLogo: look.logo !== undefined });
  const theme = themeCss(colour);
  const mark = markSvg(colour);
  let key: Promise<KeyObject> | undefined;

  /** Who is asking: the signed-in person, or the hash of the cookie (made now when `create` and none yet). */
  async function visitor(req: Request, res: Response, create: boolean): Promise<string | undefined> {
    const person = signedIn ? await signedIn.owner(req) : undefined;
    if (person) return person;
    if (signedIn) return undefined;
    let cookie = cookieOf(req.headers.cookie);
    if (!cookie && !create) return undefined;
    if (!cookie) {
      cookie = randomUUID();
      res.cookie(COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: cookieDays * 24 * 3600 * 1000 });
    }
    try {
      key ??= visitorKey().then((secret) => createSecretKey(Buffer.from(secret)));
      return visitorId(await key, cookie);
    } catch (error) {
      key = undefined;
      throw error;
    }
  }

  router.get('/static/huisstijl.css', (_req, res) => {
    res.type('text/css').set('cache-control', 'public, max-age=3600').send(theme);
  });
  router.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.type('image/svg+xml').set('cache-control', 'public, max-age=86400').send(mark);
  });
  router.get('/static/logo', (_req, res) => {
    if (look.logo) res.set('cache-control', 'public, max-age=3600').sendFile(look.logo);
    else res.type('image/svg+xml').set('cache-control', 'public, max-age=86400').send(mark);
  });
  router.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  router.get('/', async (req, res) => {
    if (signedIn && !(await signedIn.owner(req))) {
      res.redirect(303, signedIn.loginPath('/'));
      return;
    }
    res.type('html').set('cache-control', 'no-cache').send(page);
  });

  router.get(['/api/mijn-gegevens.csv', '/api/mijn-gegevens.json'], async (req, res) => {
    const format: OwnExportFormat = req.path.endsWith('.csv') ? 'csv' : 'json';
    res.set('cache-control', 'no-store');
    if (!sameOrigin(req)) {
      res.status(403).json({ error: texts.t('web.download_elders') });
      return;
    }
    try {
      const owner = await visitor(req, res, false);
      if (!owner || !exportOwn) {
        res.status(404).json({ error: texts.t('web.download_niets') });
        return;
      }
      const body = ownExport(await exportOwn(owner), texts, format);
      const name = `${texts.t('export.bestandsnaam')}.${format}`;
      res.attachment(name).type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8').send(body);
    } catch (error) {
      logger.error('Export voor de webchat mislukt', error);
      res.status(500).json({ error: texts.t('fout.algemeen') });
    }
  });

  router.post('/api/chat', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = message.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: texts.t('web.alleen_tekst') });
      return;
    }
    try {
      const user = await visitor(req, res, true);
      if (!user) {
        res.status(401).json({ error: texts.t('web.eerst_inloggen') });
        return;
      }
      const interaction: Interaction = 'text' in parsed.data
        ? { kind: 'text', text: parsed.data.text }
        : { kind: 'action', id: parsed.data.action, value: parsed.data.value };
      const address = { platform: 'web' as const, visitor: user };
      const outcomes = await engine.handle({
        interaction, channel: 'web', user, place: { kind: 'direct' }, forms: 'none', downloads: true, address,
      });
      const replies = outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
      const reply = replies.at(-1);
      if (!reply) {
        res.status(204).end();
        return;
      }
      const { intent, verdict, amount } = reply;
      // What came for this visitor meanwhile (an answer from the coordinator) is shown before the answer.
      const earlier = replies.slice(0, -1).map((r) => webCard(r, texts));
      const card = webCard(reply, texts);
      res.json({ reply: { intent, verdict, amount }, card, ...(earlier.length > 0 ? { earlier } : {}) });
    } catch (error) {
      logger.error('Webchat kon niet antwoorden', error);
      res.status(500).json({ error: texts.t('fout.algemeen') });
    }
  });
  return router;
}
