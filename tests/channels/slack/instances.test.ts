import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack } from '../../helpers/fake-slack.js';
import { type RunningServer, startInstances } from '../../helpers/server.js';
import { postSigned, slackFixture } from '../../helpers/slack-requests.js';

/** Two instances behind one address, sharing PostgreSQL: Slack's retry may reach the other one. */
let slack: FakeSlack;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  slack = await fakeSlackApi();
  [a, b] = await startInstances(slack.url);
});

afterAll(async () => {
  await a.close();
  await b.close();
  await slack.close();
});

describe('Slack retries across instances', () => {
  it('an event answered by one instance is not answered again when the retry reaches the other', async () => {
    const body = slackFixture('message-im.json');
    expect((await postSigned(a.base, body)).status).toBe(200);
    for (let i = 0; i < 50 && slack.calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await postSigned(b.base, body, { retry: '1' })).status).toBe(200);
    expect((await postSigned(b.base, body, { retry: '2' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});
