import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake Slack Web API on loopback: answers like Slack and records every call. */
export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

export interface FakeSlackOptions {
  /** Socket Mode: the websocket address apps.connections.open hands out. */
  socketUrl?: () => string;
  /** Benchmarks: only count the calls per method, so the fake costs the machine as little as Slack would. */
  countOnly?: boolean;
}

export interface FakeSlack {
  url: string;
  calls: SlackCall[];
  counts: Map<string, number>;
  close(): Promise<void>;
}

export async function fakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    if (options.countOnly) {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      counts.set(method, (counts.get(method) ?? 0) + 1);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true,"ts":"1763800009.000900"}');
      });
      return;
    }
    void readBody(req).then((body) => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const params = req.headers['content-type']?.includes('json')
        ? (JSON.parse(body || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      for (const key of ['blocks', 'view']) {
        if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]) as unknown;
      }
      calls.push({ method, params });
      const answers: Record<string, unknown> = {
        'auth.test': { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0ABC1234', url: 'https://gemeente.slack.com/' },
        'chat.postMessage': { ok: true, channel: params.channel, ts: '1763800009.000900' },
        'views.open': { ok: true, view: { id: 'V0ABC1234' } },
        'views.publish': { ok: true, view: { id: 'V0HOME1234' } },
        ...(options.socketUrl ? { 'apps.connections.open': { ok: true, url: options.socketUrl() } } : {}),
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answers[method] ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return { url, calls, counts, close };
}
