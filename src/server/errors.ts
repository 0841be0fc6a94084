import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../core/usage.js';

/**
 * Every error the server answers is JSON with a kind Dutch sentence: never Express's HTML page with
 * a stack trace and server paths. The log gets the status and the kind of failure, never the body:
 * a JSON parse error quotes the start of the body, and a body can be someone's question.
 */
const MESSAGES: Record<number, string> = {
  400: 'Dit verzoek kan ik niet lezen. Stuur geldige JSON.',
  404: 'Deze pagina bestaat niet.',
  413: 'Dit verzoek is te groot.',
  415: 'Stuur dit verzoek als JSON (Content-Type: application/json).',
  429: 'Even rustig aan: te veel verzoeken. Probeer het over een minuut opnieuw.',
};
const FALLBACK = 'Sorry, er ging iets mis. Probeer het zo nog eens; je vraag is niet bewaard.';

interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
}

function statusOf(error: unknown): number {
  const { status, statusCode } = (error ?? {}) as HttpError;
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
  return code >= 400 && code < 600 ? code : 500;
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: MESSAGES[404] });
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    const kind = (error as HttpError | undefined)?.type;
    if (status >= 500) logger.error('Verzoek mislukt', error);
    else logger.warn('Verzoek geweigerd', { status, kind: typeof kind === 'string' ? kind : undefined, path: req.path });
    res.status(status).json({ error: status >= 500 ? FALLBACK : (MESSAGES[status] ?? MESSAGES[400]) });
  };
}
