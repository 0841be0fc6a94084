import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamsReplies } from '../../../src/channels/teams/replies.js';
import { fakeConnector, type FakeConnector } from '../../helpers/fake-teams.js';

/** Replies go straight to the connector, signed by botbuilder's own credentials, at the address botbuilder uses. */
const signed = {
  signRequest: (request: { headers: { set(name: string, value: string): void } }) => {
    request.headers.set('Authorization', 'Bearer token-van-botbuilder');
    return Promise.resolve(request);
  },
};

describe('Teams replies', () => {
  let connector: FakeConnector | undefined;
  const replies = new TeamsReplies();
  afterEach(async () => {
    await connector?.close();
  });

  it('post the activity as a reply to the message, with the Authorization header the credentials set', async () => {
    connector = await fakeConnector();
    const id = await replies.reply(signed, {
      type: 'message',
      text: 'Ja, dat mag.',
      serviceUrl: connector.url,
      conversation: { id: 'a:conv 1;messageid=7' } as never,
      replyToId: 'act-7',
    });
    expect(id).toMatch(/^reply-/);
    const [post] = connector.posts;
    expect(post?.path).toBe(`/v3/conversations/${encodeURIComponent('a:conv 1;messageid=7')}/activities/act-7`);
    expect(post?.authorization).toBe('Bearer token-van-botbuilder');
    expect(post?.activity).toMatchObject({ type: 'message', text: 'Ja, dat mag.', replyToId: 'act-7' });
  });

  it('wait out a 429 as the connector asks, and fail with a code when it refuses', async () => {
    const statuses = [429, 200, 500];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const status = statuses.shift() ?? 500;
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
        res.end(status === 200 ? '{"id":"na-wachten"}' : '{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    const activity = { type: 'message', serviceUrl, conversation: { id: 'a:c' } as never, replyToId: 'x' };
    try {
      expect(await replies.reply(signed, activity)).toBe('na-wachten');
      await expect(replies.reply(signed, activity)).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
