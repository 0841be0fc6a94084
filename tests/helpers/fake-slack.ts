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

export async function fakeSlackApi(): Promise<{ url: string; calls: SlackCall[]; close(): Promise<void> }> {
  const calls: SlackCall[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const params = req.headers['content-type']?.includes('json')
        ? (JSON.parse(body || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      if (typeof params.blocks === 'string') params.blocks = JSON.parse(params.blocks) as unknown;
      calls.push({ method, params });
      const answers: Record<string, unknown> = {
        'auth.test': { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0ABC1234', url: 'https://gemeente.slack.com/' },
        'chat.postMessage': { ok: true, channel: params.channel, ts: '1763800009.000900' },
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answers[method] ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  return { url, calls, close };
}
