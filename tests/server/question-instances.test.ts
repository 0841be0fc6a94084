import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack, type SlackCall } from '../helpers/fake-slack.js';
import { type RunningServer, startInstances } from '../helpers/server.js';
import { postPayload, postSigned, slackFixture, waitFor } from '../helpers/slack-requests.js';

/**
 * Two instances on one PostgreSQL, both sending what is due at the same moments: every question, answer,
 * reminder and closing reaches its place exactly once.
 */
const ASKER = 'U0ASKER88';
const COORDINATOR = 'U0COORD03';
const INBOX = 'C0INBOX03';
const DAY = 24 * 60 * 60 * 1000;
let slack: FakeSlack;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  slack = await fakeSlackApi();
  [a, b] = await startInstances(slack.url, {
    coordinators: [`slack:${COORDINATOR}`],
    secret: 'two-instances-secret-of-at-least-32-chars',
    questions: { inbox: [{ platform: 'slack', channel: INBOX }], keepDays: 30, reminderWorkingDays: 3 },
  });
});

afterAll(async () => {
  await a.close();
  await b.close();
  await slack.close();
});

let nextEvent = 1;
const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
const text = (call: SlackCall) => `${String(call.params.text)} ${JSON.stringify(call.params.blocks ?? [])}`;

async function dm(on: RunningServer, user: string, words: string): Promise<void> {
  const before = posts().length;
  const event = JSON.parse(slackFixture('message-im.json')) as { event_id: string; event: Record<string, string> };
  event.event_id = `Ev0I${String(nextEvent++).padStart(8, '0')}`;
  event.event = { ...event.event, text: words, user, channel: `D${user.slice(1)}` };
  expect((await postSigned(on.base, JSON.stringify(event))).status).toBe(200);
  await waitFor(() => posts()[before], 'het antwoord');
}

type Button = [action: string, value: string];

async function press(on: RunningServer, user: string, channel: string, [action, value]: Button): Promise<SlackCall> {
  const before = posts().length;
  const payload = JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown>;
  payload.user = { id: user, username: 'x', name: 'x', team_id: 'T0ABC1234' };
  payload.channel = { id: channel, name: 'x' };
  payload.actions = [{ action_id: `gedragsbot_${action}_0`, block_id: 'b', type: 'button', value, action_ts: '1763800002.000300' }];
  expect((await postPayload(on.base, payload)).status).toBe(200);
  return waitFor(() => posts()[before], 'het antwoord');
}

/** Both instances send what is due, several times over, at the same moment. */
async function bothSend(at: Date): Promise<void> {
  for (let round = 0; round < 3; round++) await Promise.all([a.server.outreach.tick(at), b.server.outreach.tick(at)]);
}

const count = (where: string, words: string) =>
  posts().filter((c) => c.params.channel === where && text(c).includes(words)).length;

describe('a question with two instances on one PostgreSQL', () => {
  it('delivers the question, each answer, the reminder and the closing exactly once', async () => {
    // The conversation alternates between the instances, as a load balancer would send it.
    await dm(a, ASKER, 'Ik wil een vraag voorleggen aan de integriteitscoördinator');
    await dm(b, ASKER, 'Mag ik een lezing geven op een congres dat door een leverancier betaald wordt?');
    const sent = await press(a, ASKER, `D${ASKER.slice(1)}`, ['vraag_versturen', '']);
    const code = /V-[2-9A-HJ-NP-Z]{5}/.exec(text(sent))?.[0];
    expect(code).toBeDefined();

    const now = new Date();
    await bothSend(now);
    expect(count(INBOX, code!)).toBe(1);

    // Four working days later nobody answered: one reminder, however often both instances look.
    const later = new Date(now.getTime() + 6 * DAY);
    await bothSend(later);
    await bothSend(new Date(later.getTime() + 60_000));
    expect(posts().filter((c) => c.params.channel === INBOX && text(c).includes('wacht sinds')).length).toBe(1);

    await press(b, COORDINATOR, INBOX, ['vraag_beantwoorden', code!]);
    await dm(a, COORDINATOR, 'Vraag het vooraf aan je leidinggevende en meld de reis- en verblijfkosten.');
    await press(b, COORDINATOR, `D${COORDINATOR.slice(1)}`, ['vraag_versturen', '']);
    await bothSend(new Date());
    expect(count(ASKER, 'meld de reis- en verblijfkosten')).toBe(1);

    await press(a, ASKER, `D${ASKER.slice(1)}`, ['vraag_sluiten', code!]);
    await bothSend(new Date());
    expect(count(INBOX, 'is gesloten')).toBe(1);
  });
});
