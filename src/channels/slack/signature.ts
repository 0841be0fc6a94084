import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';

/**
 * Slack's request signature, checked before Bolt sees the request: HMAC-SHA256 of "v0:{timestamp}:{body}"
 * with the signing secret, compared in constant time, and a timestamp no more than five minutes off.
 * Bolt checks the same, but its comparison (tsscmp: two extra HMACs under a fresh random key) made up
 * a tenth of the work of answering a message (`npm run bench:http`); Node's timingSafeEqual does it
 * at no cost. The checked body is handed to Bolt as `rawBody`, so it is read once.
 */
const MAX_AGE_SECONDS = 5 * 60;

interface SignedRequest {
  rawBody?: Buffer;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface SignedHeaders {
  signature: string | undefined;
  timestamp: string | undefined;
}

export function signatureValid(secret: string, body: Buffer, signed: SignedHeaders, nowSeconds: number): boolean {
  const { signature, timestamp } = signed;
  if (!signature?.startsWith('v0=') || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body is read (within the limit) and checked; a request that fails gets 401 and goes no further. */
export interface SignatureOptions {
  /** Told of every refused request (IT sees forged or stale requests in the log); never given the body. */
  refused?: (() => void) | undefined;
  now?: () => number;
}

export function slackSignature(secret: string, limitBytes: number, options: SignatureOptions = {}): RequestHandler[] {
  const now = options.now ?? Date.now;
  // A body said to be too large is refused before a byte of it is read, as Bolt did.
  const declaredSize: RequestHandler = (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
      res.status(413).end();
      return;
    }
    next();
  };
  const check: RequestHandler = (req, res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const nowSeconds = Math.floor(now() / 1000);
    const signed = { signature: header(req.headers['x-slack-signature']), timestamp: header(req.headers['x-slack-request-timestamp']) };
    if (!signatureValid(secret, body, signed, nowSeconds)) {
      options.refused?.();
      res.status(401).end();
      return;
    }
    (req as SignedRequest).rawBody = body;
    next();
  };
  return [declaredSize, express.raw({ type: () => true, limit: limitBytes }), check];
}
