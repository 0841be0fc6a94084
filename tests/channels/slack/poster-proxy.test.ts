import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackPoster } from '../../../src/channels/slack/poster.js';
import { type FakeSlack, fakeSlackApi } from '../../helpers/fake-slack.js';

/** Municipal networks reach Slack only through their proxy: answers must go that way too. */
let slack: FakeSlack;
const tunnels: string[] = [];
const proxy = createServer();
proxy.on('connect', (req, client, head) => {
  tunnels.push(req.url ?? '');
  const [host, port] = (req.url ?? '').split(':');
  const upstream = connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});

beforeAll(async () => {
  slack = await fakeSlackApi();
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await slack.close();
});

describe('Slack answers through the organisation\'s proxy', () => {
  it('with HTTPS_PROXY set, chat.postMessage goes through a CONNECT tunnel of that proxy', async () => {
    const proxyUrl = `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`;
    const poster = new SlackPoster('xoxb-test', slack.url, { httpsProxy: proxyUrl });
    try {
      await poster.postMessage({ channel: 'D1', text: 'hallo' });
    } finally {
      await poster.close();
    }
    expect(tunnels).toEqual([new URL(slack.url).host]);
    expect(slack.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', params: { channel: 'D1' } });
  });
});
