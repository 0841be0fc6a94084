import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { fakeSlackApi } from '../../helpers/fake-slack.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { slackFixture, waitFor } from '../../helpers/slack-requests.js';

/**
 * Socket Mode against a fake Slack: apps.connections.open on the fake Web API
 * hands out a websocket on loopback; events arrive as envelopes and must be
 * acknowledged by envelope id.
 */
let sockets: WebSocketServer;
let slack: Awaited<ReturnType<typeof fakeSlackApi>>;
let running: RunningServer;
const acks: string[] = [];
let client: WebSocket | undefined;

beforeAll(async () => {
  sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => sockets.once('listening', resolve));
  const socketUrl = `ws://127.0.0.1:${String((sockets.address() as AddressInfo).port)}/link`;
  sockets.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string };
      if (message.envelope_id) acks.push(message.envelope_id);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0ABC1234' } }));
  });
  slack = await fakeSlackApi({ socketUrl: () => socketUrl });
  running = await startServer({ slack: { botToken: 'xoxb-test-token', appToken: 'xapp-1-A0ABC1234-test', apiUrl: slack.url } });
});

afterAll(async () => {
  await running.close();
  await slack.close();
  for (const socket of sockets.clients) socket.terminate();
  await new Promise((resolve) => {
    sockets.close(resolve);
  });
});

describe('Slack in Socket Mode (SLACK_APP_TOKEN)', () => {
  it('serves no /slack/events, receives events over the websocket, acks them and answers', async () => {
    expect((await fetch(`${running.base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    const socket = await waitFor(() => client, 'websocket connected');
    const event = JSON.parse(slackFixture('message-im.json')) as unknown;
    const envelope = { envelope_id: 'env-0001', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: event };
    socket.send(JSON.stringify(envelope));
    await waitFor(() => (acks.includes('env-0001') ? true : undefined), 'envelope acknowledged');
    const post = await waitFor(() => slack.calls.find((c) => c.method === 'chat.postMessage'), 'answer posted');
    expect(String(post.params.text)).toMatch(/^Ja, dit mag je aannemen/);
    // The same event again (Slack's retry after a lost ack) is acknowledged but not answered twice.
    socket.send(JSON.stringify({ ...envelope, envelope_id: 'env-0002', retry_attempt: 1, retry_reason: 'timeout' }));
    await waitFor(() => (acks.includes('env-0002') ? true : undefined), 'retry acknowledged');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});
