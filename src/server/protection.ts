import { rateLimit } from 'express-rate-limit';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { AppLogger } from '../logging.js';
import type { StoreServices } from '../store/index.js';

/**
 * What requests pass before the bot: a request log line without body or query (a query can hold a
 * date range, a body someone's question), security headers on everything a browser shows, a rate
 * limit for the routes people and scripts can hammer, and the two probes for IT's monitoring.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\''],
        // The Adaptive Cards renderer sets style attributes on the elements it builds.
        'style-src': ['\'self\'', '\'unsafe-inline\''],
        'img-src': ['\'self\'', 'data:'],
        'connect-src': ['\'self\''],
        'frame-ancestors': ['\'none\''],
        'form-action': ['\'self\''],
      },
    },
    // No cross-origin isolation: the page loads nothing from elsewhere, and Teams/Slack never embed it.
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * One line per request: method, path (without the query), status and time taken. Written here rather than
 * with pino-http, which made two child loggers per request that nothing used (`npm run bench:http`: 6–8%
 * of the throughput of answering a Slack message).
 */
export function requestLog(logger: AppLogger): RequestHandler {
  const log = logger.pino;
  return (req, res, next) => {
    // /healthz every few seconds from a load balancer would drown the log.
    if (req.url === '/healthz' || req.url === '/readyz') {
      next();
      return;
    }
    const started = performance.now();
    const line = (level: 'info' | 'warn' | 'error', message: string) => {
      if (!log.isLevelEnabled(level)) return;
      const fields = {
        req: { method: req.method, path: req.originalUrl.split('?')[0] },
        res: { status: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      log[level](fields, message);
    };
    res.once('finish', () => {
      const status = res.statusCode;
      line(status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info', status >= 500 ? 'verzoek mislukt' : 'verzoek');
    });
    res.once('close', () => {
      if (!res.writableFinished) line('warn', 'verzoek afgebroken');
    });
    next();
  };
}

export function rateLimited(perMinute: number, message: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { error: message },
  });
}

/** /healthz: the process answers. /readyz: it can also reach its store, so it may get traffic. */
export function healthRoutes(services: Pick<StoreServices, 'ready'>): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await services.ready();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'opslag niet bereikbaar' });
  });
  return router;
}
