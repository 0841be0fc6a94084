import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { GedragsBot } from '../../core/conversation/bot.js';
import type { Logger } from '../../core/usage.js';
import { replyCard } from '../teams/card.js';

/**
 * The local web chat: a page, its script, and POST /api/chat. The browser
 * renders the same Adaptive Card JSON as Teams, with the official renderer.
 * A random cookie keeps one conversation (and the person's own registrations)
 * together; nothing identifies the person beyond it.
 */
const COOKIE = 'gedragsbot_web';
const message = z.object({ text: z.string().max(10_000) });
const require = createRequire(import.meta.url);

function visitor(cookieHeader: string | undefined): string | null {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f-]{36})`).exec(cookieHeader ?? '');
  return match?.[1] ?? null;
}

export function webChatRoutes(bot: GedragsBot, publicDir: string, logger: Logger): Router {
  const router = express.Router();
  router.use('/static/adaptivecards.js', (_req, res) => {
    res.sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  });
  router.use('/static', express.static(publicDir, { index: false, maxAge: '1h' }));
  router.get('/', (_req, res) => {
    res.sendFile(join(publicDir, 'index.html'));
  });
  router.post('/api/chat', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = message.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Stuur je vraag als tekst.' });
      return;
    }
    let id = visitor(req.headers.cookie);
    if (!id) {
      id = randomUUID();
      res.cookie(COOKIE, id, { httpOnly: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 });
    }
    try {
      const reply = await bot.reply(`web:${id}`, parsed.data.text, { channel: 'web', user: `web:${id}` });
      const { intent, verdict, amount } = reply;
      res.json({ reply: { intent, verdict, amount }, card: replyCard(reply) });
    } catch (error) {
      logger.error('Webchat kon niet antwoorden', error);
      res.status(500).json({ error: 'Sorry, er ging bij mij iets mis. Probeer het zo nog eens; je vraag is niet bewaard.' });
    }
  });
  return router;
}
