import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureValid } from '../../../src/channels/slack/signature.js';

/** Slack's signature, checked in front of Bolt: the same rules Bolt applies, in constant time. */
const SECRET = 'a-signing-secret-0123456789';
const NOW = 1_763_800_000;
const body = Buffer.from('{"type":"event_callback","event":{"text":"mag ik dit houden?"}}');
const sign = (secret: string, at: number, payload = body) =>
  `v0=${createHmac('sha256', secret).update(`v0:${String(at)}:`).update(payload).digest('hex')}`;

describe('the Slack signature', () => {
  it('accepts what Slack signs, within five minutes either way', () => {
    expect(signatureValid(SECRET, body, { signature: sign(SECRET, NOW), timestamp: String(NOW) }, NOW)).toBe(true);
    const at = NOW - 299;
    expect(signatureValid(SECRET, body, { signature: sign(SECRET, at), timestamp: String(at) }, NOW)).toBe(true);
  });

  it.each([
    ['another secret', { signature: sign('not-the-secret-at-all-0000', NOW), timestamp: String(NOW) }],
    ['an old timestamp', { signature: sign(SECRET, NOW - 301), timestamp: String(NOW - 301) }],
    ['a timestamp from the future', { signature: sign(SECRET, NOW + 301), timestamp: String(NOW + 301) }],
    ['a body changed after signing', { signature: sign(SECRET, NOW, Buffer.from('{}')), timestamp: String(NOW) }],
    ['no signature', { signature: undefined, timestamp: String(NOW) }],
    ['no timestamp', { signature: sign(SECRET, NOW), timestamp: undefined }],
    ['another scheme', { signature: sign(SECRET, NOW).replace('v0=', 'v1='), timestamp: String(NOW) }],
    ['a short signature', { signature: 'v0=abcd', timestamp: String(NOW) }],
    ['a timestamp that is no number', { signature: sign(SECRET, NOW), timestamp: `${String(NOW)}.5` }],
  ])('refuses %s', (_case, signed) => {
    expect(signatureValid(SECRET, body, signed, NOW)).toBe(false);
  });
});
