import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Texts } from '../core/texts/texts.js';
import type { Logger } from '../core/usage.js';

/**
 * Every error the server answers is JSON with a kind Dutch sentence: never Express's HTML page with
 * a stack trace and server paths. The log gets the status and the kind of failure, never the body:
 * a JSON parse error quotes the start of the body, and a body can be someone's question.
 */
const KNOWN = new Set([400, 404, 413, 415, 429]);
const say = (texts: Texts, status: number) => texts.t(status >= 500 ? 'fout.algemeen' : `http.${String(KNOWN.has(status) ? status : 400)}`);

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

export function notFound(texts: Texts): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: say(texts, 404) });
  };
}

export function errorHandler(logger: Logger, texts: Texts): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    const kind = (error as HttpError | undefined)?.type;
    if (status >= 500) logger.error('Verzoek mislukt', error);
    else logger.warn('Verzoek geweigerd', { status, kind: typeof kind === 'string' ? kind : undefined, path: req.path });
    res.status(status).json({ error: say(texts, status) });
  };
}
