import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

/**
 * A fake Bot Framework connector on loopback: the activity's serviceUrl points
 * here, so every reply and proactive post the bot sends lands in `posts`.
 */
export interface ConnectorPost {
  path: string;
  authorization: string | undefined;
  activity: {
    type: string;
    text?: string;
    replyToId?: string;
    conversation?: { id: string };
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

export interface FakeConnector {
  url: string;
  posts: ConnectorPost[];
  /** Conversations the bot opened itself (a personal chat, to reach someone proactively), with the id given. */
  opened: { id: string; parameters: Record<string, unknown> }[];
  /** How many activities arrived, also in count-only mode. */
  received(): number;
  close(): Promise<void>;
}

/** `countOnly` (benchmarks): activities are counted, not kept, so the fake costs as little as the real service. */
export async function fakeConnector(options: { countOnly?: boolean } = {}): Promise<FakeConnector> {
  const posts: ConnectorPost[] = [];
  const opened: FakeConnector['opened'] = [];
  let count = 0;
  let next = 1;
  const server: Server = createServer((req, res) => {
    if (options.countOnly) {
      count += 1;
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(`{"id":"reply-${String(next++)}"}`);
      });
      return;
    }
    void readBody(req).then((body) => {
      if (req.method === 'POST' && (req.url ?? '').startsWith('/v3/conversations/')) {
        posts.push({ path: req.url ?? '', authorization: req.headers.authorization, activity: JSON.parse(body || '{}') as ConnectorPost['activity'] });
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(req.url ?? '')) {
        const id = `a:opened-${String(next)}`;
        opened.push({ id, parameters: JSON.parse(body || '{}') as Record<string, unknown> });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id }));
        next += 1;
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `reply-${String(next++)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  return {
    url,
    posts,
    opened,
    received: () => (options.countOnly ? count : posts.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The card in a connector post, or undefined when it carries none. */
export function cardOf(post: ConnectorPost | undefined): Record<string, unknown> | undefined {
  return post?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** A real-shaped Teams activity from tests/fixtures/teams, pointed at the fake connector. */
type Fixture = Record<string, unknown> & { conversation: { id: string } };

let delivered = 0;

/** Each call is a new delivery with its own activity id, as Teams sends them; the same id twice is a redelivery. */
export function teamsFixture(name: string, serviceUrl: string): Fixture {
  const text = readFileSync(new URL(`../fixtures/teams/${name}`, import.meta.url), 'utf8');
  const activity = JSON.parse(text) as Fixture & { id?: string };
  delivered += 1;
  return { ...activity, ...(activity.id ? { id: `${activity.id}${String(delivered)}` } : {}), serviceUrl };
}
