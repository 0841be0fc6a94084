import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-capture.js';
import { type RunningServer, startServer } from '../helpers/server.js';

/**
 * The attacks of the security review, replayed against the whole app: each was a real finding and
 * must stay closed.
 */
const TOKEN = 'hr-token-0123456789abcdef-xyz';
const captured = capturedLogger();
let running: RunningServer;

beforeAll(async () => {
  running = await startServer({ hrToken: TOKEN, logger: captured.logger });
});

afterAll(async () => {
  await running.close();
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${running.base}${path}`, { method: 'POST', headers, body });

describe('errors are JSON in Dutch, and the log never holds a body', () => {
  it('malformed JSON: 400 with a Dutch sentence, no HTML, no stack, no server path, and the text is not logged', async () => {
    const secret = 'ik word gepest door mijn teamleider';
    const response = await post('/api/chat', `{"text": "${secret}"`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: expect.stringContaining('kan ik niet lezen') });
    expect(body).not.toMatch(/<html|at .*\(|node_modules|\/work\//i);
    expect(captured.text()).not.toContain('gepest');
  });

  it('a body over the limit: 413 as JSON', async () => {
    const response = await post('/api/chat', JSON.stringify({ text: 'x'.repeat(100_000) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'Dit verzoek is te groot.' });
  });

  it('an unsupported charset: 415 as JSON', async () => {
    const response = await post('/api/chat', '{"text":"hoi"}', { 'content-type': 'application/json; charset=latin1' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toContain('JSON');
  });

  it('an unknown path: 404 as JSON', async () => {
    const response = await fetch(`${running.base}/wp-admin`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Deze pagina bestaat niet.' });
  });

  it('request lines say method, path and status, never the query or a body', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    await fetch(`${running.base}/api/stats?from=2026-01-01&to=2026-02-01`, { headers: auth });
    type Line = { msg: string; req?: { path: string }; res?: { status: number } };
    const lines = captured.lines.map((l) => JSON.parse(l) as Line);
    const line = lines.find((l) => l.req?.path === '/api/stats');
    expect(line).toMatchObject({ msg: 'verzoek', req: { path: '/api/stats' }, res: { status: 200 } });
    expect(captured.text()).not.toContain('2026-02-01');
  });
});

describe('headers', () => {
  it('the web chat has a content security policy and the usual protections', async () => {
    const response = await fetch(`${running.base}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('script-src \'self\'');
    expect(csp).toContain('frame-ancestors \'none\'');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });
});

describe('HR statistics', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('a range from year 1 to 9999 is refused at once, not computed for ten minutes', async () => {
    const started = Date.now();
    const response = await fetch(`${running.base}/api/stats?from=0001-01-01&to=9999-12-31&by=week`, { headers: auth });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('2000 en 2100');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('more than ten years at once is refused; ten years by week is answered', async () => {
    const tooLong = await fetch(`${running.base}/api/stats?from=2010-01-01&to=2026-12-31&by=week`, { headers: auth });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: string }).error).toContain('tien jaar');
    const tenYears = await fetch(`${running.base}/api/stats?from=2017-01-01&to=2026-12-31&by=week`, { headers: auth });
    expect(tenYears.status).toBe(200);
  });

  it('the CSV opens in a Dutch spreadsheet: BOM, semicolons, a file name', async () => {
    const response = await fetch(`${running.base}/api/stats?by=month&format=csv&from=2026-01-01&to=2026-02-28`, { headers: auth });
    expect(response.headers.get('content-disposition')).toContain('gedragsbot-statistieken.csv');
    // fetch's text() drops a byte-order mark; the bytes show what Excel gets.
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe('\uFEFFmaand;aantal\r\n2026-01 t/m 2026-02;geen gegevens\r\nTotaal;0\r\n');
  });
});

describe('probes', () => {
  it('/healthz says the process lives; /readyz says the store answers', async () => {
    expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${running.base}/readyz`)).json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 503 without a database, /healthz stays 200', async () => {
    const other = await startServer();
    await other.services.store.close();
    const ready = await fetch(`${other.base}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${other.base}/healthz`)).status).toBe(200);
    await other.close().catch(() => undefined);
  });
});

describe('rate limit and cookie', () => {
  it('the web chat answers 429 in Dutch after the limit, per address', async () => {
    const limited = await startServer({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${limited.base}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'hallo' }),
        });
        statuses.push(response.status);
        if (response.status === 429) expect(((await response.json()) as { error: string }).error).toContain('te veel verzoeken');
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('behind a TLS proxy that IT trusts, the cookie is Secure; over plain HTTP it is not', async () => {
    const proxied = await startServer({ trustProxy: 'loopback' });
    try {
      const chat = (headers: Record<string, string>) => fetch(`${proxied.base}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ text: 'hallo' }),
      });
      const viaTls = (await chat({ 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
      expect(viaTls).toMatch(/; Secure/);
      expect(viaTls).toMatch(/HttpOnly/);
      const plain = (await chat({})).headers.get('set-cookie') ?? '';
      expect(plain).not.toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });
});

describe('the web chat can be turned off', () => {
  it('without it, / and /api/chat are 404 and the rest still works', async () => {
    const off = await startServer({ webChat: false });
    try {
      expect((await fetch(`${off.base}/`)).status).toBe(404);
      expect((await post('/api/chat', '{"text":"hoi"}').then(() => fetch(`${off.base}/api/chat`, { method: 'POST' }))).status).toBe(404);
      expect((await fetch(`${off.base}/healthz`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});

describe('Slack bodies are limited before anything is read', () => {
  it('a 300 MB body with a bogus signature: 413 within a second, memory flat', async () => {
    const slack = await startServer({ slack: { botToken: 'xoxb-test', signingSecret: 'a-signing-secret-0123456789' } });
    try {
      const url = new URL(`${slack.base}/slack/events`);
      const before = process.memoryUsage().rss;
      const started = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(300 * 1024 * 1024),
            'x-slack-signature': 'v0=bogus',
            'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
          },
        }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', (error) => {
          if (!req.destroyed) reject(error);
        });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        // Keep sending until the server answers, as an attacker would.
        const pump = () => {
          while (!req.destroyed && req.write(chunk));
          if (!req.destroyed) req.once('drain', pump);
        };
        pump();
      });
      expect(status).toBe(413);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await slack.close();
    }
  });
});
