import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Requests as Slack sends them: signed for real with the app's signing secret. */
export const SIGNING_SECRET = 'slack-signing-secret-0123456789';

export interface SignOptions {
  age?: number;
  secret?: string;
  retry?: string;
  type?: string;
}

export function slackFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8');
}

export function signedHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.age ?? 0));
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': options.type ?? 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signature,
    ...(options.retry ? { 'x-slack-retry-num': options.retry, 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
}

export function postSigned(base: string, body: string, options: SignOptions = {}): Promise<Response> {
  return fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(body, options), body });
}

/** An interactive payload (button, modal) as Slack posts it: form-encoded JSON. */
export function postPayload(base: string, payload: unknown): Promise<Response> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return postSigned(base, body, { type: 'application/x-www-form-urlencoded' });
}

export async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Niet gebeurd: ${what}`);
}
