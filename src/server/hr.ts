import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { stats } from '../cli/stats.js';
import { GedragsbotError } from '../core/errors.js';
import type { Logger } from '../core/usage.js';
import type { Texts } from '../core/texts/texts.js';
import type { StoreServices } from '../store/index.js';

/** GET /api/stats for HR: the statistics service behind a bearer token; JSON by default, CSV on request. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function hrRoutes(
  services: StoreServices,
  token: string | undefined,
  logger: Logger,
  texts: Texts,
): Router {
  const router = express.Router();
  router.get('/api/stats', async (req, res) => {
    if (!token) {
      res.status(503).json({ error: texts.t('http.hr_uit') });
      return;
    }
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !sameToken(given, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: texts.t('http.hr_token') });
      return;
    }
    const format = one(req.query.format) ?? 'json';
    try {
      const output = await stats(services, {
        from: one(req.query.from),
        to: one(req.query.to),
        by: one(req.query.by),
        event: one(req.query.event),
        year: one(req.query.year),
        format,
      } as Parameters<typeof stats>[1], texts);
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment('gedragsbot-statistieken.csv').send(output);
      } else if (format === 'json') res.type('application/json').send(output);
      else res.type('text/plain; charset=utf-8').send(`${output}\n`);
    } catch (error) {
      if (error instanceof GedragsbotError && error.code === 'INPUT_INVALID') {
        res.status(400).json({ error: error.message });
        return;
      }
      logger.error('Statistieken niet beschikbaar', error);
      res.status(500).json({ error: texts.t('http.stats_fout') });
    }
  });
  return router;
}
