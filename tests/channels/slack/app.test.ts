import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type SlackCall } from '../../helpers/fake-slack.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { postSigned, SIGNING_SECRET, type SignOptions, slackFixture } from '../../helpers/slack-requests.js';

const SECRET = SIGNING_SECRET;
const fixture = slackFixture;
let running: RunningServer;
let slack: Awaited<ReturnType<typeof fakeSlackApi>>;
let base: string;

beforeAll(async () => {
  slack = await fakeSlackApi();
  running = await startServer({ slack: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: slack.url } });
  base = running.base;
});

afterAll(async () => {
  await running.close();
  await slack.close();
});

function signed(body: string, options: SignOptions = {}) {
  return postSigned(base, body, options);
}

async function posts(count: number): Promise<SlackCall[]> {
  for (let i = 0; i < 50; i++) {
    const found = slack.calls.filter((c) => c.method === 'chat.postMessage');
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return slack.calls.filter((c) => c.method === 'chat.postMessage');
}

describe('Slack on /slack/events', () => {
  it('refuses a wrong signature and an old timestamp with 401', async () => {
    const body = fixture('message-im.json');
    expect((await signed(body, { secret: 'not-the-secret-at-all-0000' })).status).toBe(401);
    expect((await signed(body, { age: 6 * 60 })).status).toBe(401);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('answers a direct message once, also when Slack delivers it again with X-Slack-Retry-Num', async () => {
    const body = fixture('message-im.json');
    expect((await signed(body)).status).toBe(200);
    const [post] = await posts(1);
    expect(post?.params.channel).toBe('D0ABC1234');
    expect(String(post?.params.text)).toMatch(/^Ja, dit mag je aannemen/);
    expect(JSON.stringify(post?.params.blocks)).toContain('Registreer dit geschenk');
    expect((await signed(body, { retry: '1' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await posts(2)).toHaveLength(1);
  });

  it('/integriteit is acknowledged at once and answered privately through its response_url', async () => {
    const form = new URLSearchParams({
      token: 'XXYYZZ',
      team_id: 'T0ABC1234',
      channel_id: 'C0ABC1234',
      user_id: 'U0ABC5678',
      command: '/integriteit',
      text: 'Wie is de vertrouwenspersoon?',
      response_url: `${slack.url}respond/T0ABC1234/1/xyz`,
      trigger_id: '123.456.def',
    }).toString();
    const started = Date.now();
    expect((await signed(form, { type: 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    for (let i = 0; i < 50 && !slack.calls.some((c) => c.method.startsWith('respond/')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = slack.calls.find((c) => c.method.startsWith('respond/'));
    expect(response?.params).toMatchObject({ response_type: 'ephemeral' });
    expect(String(response?.params.text)).toContain('Je kunt altijd vertrouwelijk terecht bij een vertrouwenspersoon');
  });

  it('a button press answers the bot\'s question in the same conversation', async () => {
    const question = JSON.parse(fixture('message-im.json')) as { event_id: string; event: { text: string; ts: string } };
    question.event_id = 'Ev0ABC999999';
    question.event.text = 'Mag ik deze fles champagne aannemen?';
    await signed(JSON.stringify(question));
    expect(String((await posts(2))[1]?.params.text)).toContain('Wat is de geschatte waarde?');
    const payload = `payload=${encodeURIComponent(fixture('block-actions.json'))}`;
    expect((await signed(payload, { type: 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect(String((await posts(3))[2]?.params.text)).toMatch(/^Nee, dit neem je niet aan: geschenken boven €50 sla je af, en dit is meer dan €50 waard/);
  });
});
