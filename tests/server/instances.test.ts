import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack } from '../helpers/fake-slack.js';
import { type RunningServer, startInstances, startServer } from '../helpers/server.js';
import { postSigned, slackFixture } from '../helpers/slack-requests.js';
import { postgresUrl } from '../helpers/stores.js';

/**
 * Several instances on one PostgreSQL, a conversation hopping between them the way a load balancer
 * (or Slack's Socket Mode) spreads messages: the state lives in the store, so nothing is lost.
 */
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

async function chat(server: RunningServer, text: string, cookie?: string) {
  const response = await fetch(`${server.base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ text }),
  });
  type Answer = { reply: { intent: string; verdict: string; amount: number | null }; card: unknown };
  const body = (await response.json()) as Answer;
  return { ...body, text: JSON.stringify(body.card), cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

describe('a web conversation alternating between two instances', () => {
  it('a gift question on A, its value on B: the verdict uses both', async () => {
    const asked = await chat(a, 'Mag ik een kerstpakket van een leverancier houden?');
    expect(asked.reply).toMatchObject({ intent: 'geschenk', verdict: 'vraag' });
    const answered = await chat(b, 'ongeveer 70 euro', asked.cookie);
    expect(answered.reply).toMatchObject({ intent: 'geschenk', verdict: 'niet_toegestaan', amount: 70 });
  });

  it('a gift registration whose steps alternate reaches its summary and is stored once', async () => {
    const steps = ['ik wil een geschenk registreren', 'ontvangen', 'gisteren', 'fles wijn', '30 euro', 'Bakkerij Jansen', 'Geen van deze', 'ja', 'Zelf gehouden'];
    let cookie: string | undefined;
    for (const [i, step] of steps.entries()) cookie = (await chat(i % 2 === 0 ? a : b, step, cookie)).cookie;
    const summary = await chat(b, 'Opslaan', cookie);
    expect(summary.text).toContain('Opgeslagen');
    const rows = await a.services.store.db.selectFrom('gift_entries').select('description').execute();
    expect(rows.map((r) => r.description)).toContain('fles wijn');
  });

  it('a dilemma card on A, the answer on B: feedback', async () => {
    const card = await chat(a, 'geef me een dilemma');
    expect(card.reply.intent).toBe('dilemma');
    const first = JSON.stringify(card.card).match(/"title":"([^"]+)","action":"dilemma_keuze","value":"([^"]+)"/);
    expect(first?.[2]).toBeDefined();
    const feedback = await chat(b, first![2]!, card.cookie);
    expect(feedback.text).toMatch(/Bespreek|bespreek|Waarom|regel|Gedragscode/);
  });
});

describe('a server restarted in the middle of a registration', () => {
  it('continues at the same step', async () => {
    const store = postgresUrl();
    const first = await startServer({ store, secret: 'a-secret-for-this-test-0123456789abcdef' });
    let cookie: string | undefined;
    for (const step of ['ik wil een geschenk registreren', 'ontvangen', 'gisteren']) cookie = (await chat(first, step, cookie)).cookie;
    await first.close();
    const second = await startServer({ store, secret: 'a-secret-for-this-test-0123456789abcdef' });
    try {
      const next = await chat(second, 'bos bloemen', cookie);
      expect(next.text).toContain('geschatte waarde');
    } finally {
      await second.close();
    }
  });
});

describe('the same Slack event at two instances', () => {
  const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage').length;

  it('at the same moment: one answer', async () => {
    const body = slackFixture('message-im.json').replace('Ev0ABC123456', 'EvSAMEMOMENT');
    const before = posts();
    const [ra, rb] = await Promise.all([postSigned(a.base, body), postSigned(b.base, body)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(posts() - before).toBe(1);
  });

  it('100 ms apart, without a retry header: one answer', async () => {
    const body = slackFixture('message-im.json').replace('Ev0ABC123456', 'EvHUNDREDMS');
    const before = posts();
    const first = postSigned(a.base, body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([first, postSigned(b.base, body)]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(posts() - before).toBe(1);
  });
});
