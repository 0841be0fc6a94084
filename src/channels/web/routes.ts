import { createHmac, createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../../core/engine/engine.js';
import type { Interaction } from '../../core/engine/interaction.js';
import type { Logger } from '../../core/usage.js';
import { replyCard } from '../teams/card.js';

/**
 * The local web chat: a page, its script, and POST /api/chat. The browser renders the same
 * Adaptive Card JSON as Teams, with the official renderer. A random cookie keeps one conversation
 * (and the person's own registrations) together. The store never sees the cookie itself, only a
 * keyed hash of it, so a leaked export or database cannot be used to act as that visitor.
 */
const COOKIE = 'gedragsbot_web';
const COOKIE_DAYS = 30;
/** A typed message, or a pressed button: its action id and value (never a sentence to understand again). */
const message = z.union([
  z.object({ text: z.string().max(10_000) }),
  z.object({ action: z.string().max(64), value: z.string().max(2_000) }),
]);
const require = createRequire(import.meta.url);
/** Beside this module in src/ (tests) and in dist/ (the build copies it). */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

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
}

function cookieOf(cookieHeader: string | undefined): string | null {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f-]{36})(?:;|$)`).exec(cookieHeader ?? '');
  return match?.[1] ?? null;
}

/** "web:" and an HMAC of the cookie: stable for one visitor, meaningless without the server's key. */
export function visitorId(key: string | KeyObject, cookie: string): string {
  return `web:${createHmac('sha256', key).update(cookie).digest('base64url')}`;
}

function secureRequest(req: Request): boolean {
  return req.secure;
}

export function webChatRoutes({ engine, logger, visitorKey, signedIn }: WebChatOptions): Router {
  const router = express.Router();
  let key: Promise<KeyObject> | undefined;
  router.use('/static/adaptivecards.js', (_req, res) => {
    res.sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  });
  router.use('/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  router.get('/', async (req, res) => {
    if (signedIn && !(await signedIn.owner(req))) {
      res.redirect(303, signedIn.loginPath('/'));
      return;
    }
    res.sendFile('index.html', { root: PUBLIC_DIR });
  });
  router.post('/api/chat', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = message.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: engine.texts.t('web.alleen_tekst') });
      return;
    }
    const person = signedIn ? await signedIn.owner(req) : undefined;
    if (signedIn && !person) {
      res.status(401).json({ error: engine.texts.t('web.eerst_inloggen') });
      return;
    }
    let cookie = cookieOf(req.headers.cookie);
    if (!cookie && !person) {
      cookie = randomUUID();
      res.cookie(COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureRequest(req),
        maxAge: COOKIE_DAYS * 24 * 3600 * 1000,
      });
    }
    try {
      key ??= visitorKey().then((secret) => createSecretKey(Buffer.from(secret)));
      const visitor = person ?? visitorId(await key, cookie ?? '');
      const interaction: Interaction = 'text' in parsed.data
        ? { kind: 'text', text: parsed.data.text }
        : { kind: 'action', id: parsed.data.action, value: parsed.data.value };
      const address = { platform: 'web' as const, visitor };
      const outcomes = await engine.handle({ interaction, channel: 'web', user: visitor, place: { kind: 'direct' }, forms: 'none', address });
      const replies = outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
      const reply = replies.at(-1);
      if (!reply) {
        res.status(204).end();
        return;
      }
      const { intent, verdict, amount } = reply;
      // What came for this visitor meanwhile (an answer from the coordinator) is shown before the answer.
      const earlier = replies.slice(0, -1).map((r) => replyCard(r));
      const card = replyCard(reply);
      res.json({ reply: { intent, verdict, amount }, card, ...(earlier.length > 0 ? { earlier } : {}) });
    } catch (error) {
      key = undefined;
      logger.error('Webchat kon niet antwoorden', error);
      res.status(500).json({ error: engine.texts.t('fout.algemeen') });
    }
  });
  return router;
}
