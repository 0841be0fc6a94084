import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack } from '../helpers/fake-slack.js';
import { cardOf, type FakeConnector, fakeConnector, teamsFixture } from '../helpers/fake-teams.js';
import { type RunningServer, startInstances } from '../helpers/server.js';
import { postPayload, postSigned, slackFixture, waitFor } from '../helpers/slack-requests.js';

/**
 * The weekly poll end to end: two instances on one PostgreSQL, both running
 * the scheduler, posting to a fake Slack Web API and a fake Teams connector.
 */
const HOUR = 3_600_000;
const TEAMS_CHANNEL = '19:a1b2c3d4e5f64789a0b1c2d3e4f5a6b7@thread.tacv2';
let slack: FakeSlack;
let connector: FakeConnector;
let a: RunningServer;
let b: RunningServer;
let clock = new Date('2026-11-23T08:00:00Z');

beforeAll(async () => {
  slack = await fakeSlackApi();
  connector = await fakeConnector();
  [a, b] = await startInstances(slack.url, {
    wio: ['slack:U0WIO0001', 'teams:6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f'],
    now: () => clock,
  });
});

afterAll(async () => {
  await a.close();
  await b.close();
  await slack.close();
  await connector.close();
});

function teamsActivity(name: string, change: Record<string, unknown>) {
  return { ...teamsFixture(name, connector.url), ...change };
}

async function teams(server: RunningServer, activity: Record<string, unknown>) {
  const response = await fetch(`${server.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(response.status).toBe(200);
}

const slackPosts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
const pollPosts = () => slackPosts().filter((c) => String(c.params.text).startsWith('Dilemma van de week'));

describe('the weekly poll across two instances', () => {
  it('the WIO plans it in chat; everyone else is told kindly that this is not for them', async () => {
    // The bot learns the Teams channel when it is mentioned there.
    await teams(a, teamsActivity('message-channel-mention.json', {}));
    const plan = async (user: string, text: string) => {
      const form = new URLSearchParams({
        team_id: 'T0ABC1234', channel_id: 'C0WIO0001', user_id: user, command: '/integriteit', text,
        response_url: `${slack.url}respond/T0ABC1234/plan/${user}`, trigger_id: '1.2.3',
      }).toString();
      await postSigned(a.base, form, { type: 'application/x-www-form-urlencoded' });
      return waitFor(() => slack.calls.find((c) => c.method === `respond/T0ABC1234/plan/${user}`), 'answer to /integriteit');
    };
    expect(String((await plan('U0NOTWIO1', 'poll plan dinsdag 10:00')).params.text)).toContain('kan alleen de werkgroep');
    expect(String((await plan('U0WIO0001', 'poll plan dinsdag 10:00 3 dagen')).params.text)).toContain('elke dinsdag om 10:00');
    // And a Teams target for the same plan, given by the WIO member in the team channel.
    await teams(a, teamsActivity('message-channel-mention.json', {
      text: '<at>Gedragsbot</at> poll plan dinsdag 10:00 3 dagen',
      from: { id: '29:wio', name: 'WIO', aadObjectId: '6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f' },
    }));
    expect(JSON.stringify(cardOf(connector.posts.at(-1)))).toContain('elke dinsdag om 10:00');
    expect(await a.services.polls.plans()).toHaveLength(2);
  });

  it('both instances run the scheduler; every poll, reminder and result goes out exactly once', async () => {
    const before = connector.posts.length;
    // Three weeks, every hour, both instances at the same moment.
    const start = clock.getTime();
    for (let t = start; t <= start + 3 * 7 * 24 * HOUR; t += HOUR) {
      clock = new Date(t);
      await Promise.all([a.server.polls.scheduler.runDue(clock), b.server.polls.scheduler.runDue(clock)]);
    }
    expect(pollPosts()).toHaveLength(3);
    expect(pollPosts().map((p) => p.params.channel)).toEqual(['C0WIO0001', 'C0WIO0001', 'C0WIO0001']);
    const teamsCards = connector.posts.slice(before).filter((p) => JSON.stringify(cardOf(p)).includes('Dilemma van de week'));
    expect(teamsCards).toHaveLength(3);
    const results = slackPosts().filter((c) => String(c.params.text).startsWith('Uitslag'));
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.params.thread_ts === '1763800009.000900')).toBe(true);
    const reminders = slackPosts().filter((c) => String(c.params.text).startsWith('Nog tot'));
    expect(reminders).toHaveLength(3);
    const teamsResults = connector.posts.slice(before).filter((p) => JSON.stringify(cardOf(p)).includes('Uitslag'));
    expect(teamsResults).toHaveLength(3);
    expect(teamsResults[0]?.path).toContain(encodeURIComponent(`${TEAMS_CHANNEL};messageid=`));
  }, 60_000);

  it('a poll posted, voted in Slack and Teams (twice counts once) and revealed at close, with nothing linking a vote to a person', async () => {
    for (const plan of await a.services.polls.plans()) await a.services.polls.cancelPlan(plan.id);
    const poll = await a.server.polls.scheduler.startNow(
      [{ platform: 'slack', channel: 'C0WIO0001' }, { platform: 'teams', channel: TEAMS_CHANNEL }],
      'grote-fles-champagne',
      clock,
      72,
    );
    const card = pollPosts().at(-1);
    expect(String(card?.params.text)).toContain('Een grote fles champagne');
    expect(String(card?.params.text)).toContain('Wat er wordt vastgelegd');
    const buttons = (card?.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((x) => x.type === 'actions')?.elements ?? [];
    expect(buttons.map((x) => x.value)).toEqual(['a', 'b', 'c', 'd'].map((o) => `stem:${poll!.id}:${o}`));
    const press = (server: RunningServer, user: string, index: number) => {
      const payload = JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown>;
      const button = buttons[index]!;
      payload.user = { id: user, username: 'x', name: 'x', team_id: 'T0ABC1234' };
      payload.channel = { id: 'C0WIO0001', name: 'integriteit' };
      payload.response_url = `${slack.url}respond/vote/${user}/${String(index)}`;
      payload.actions = [{ action_id: button.action_id, block_id: 'v', type: 'button', value: button.value, action_ts: '1' }];
      return postPayload(server.base, payload);
    };
    await press(a, 'U0VOTER01', 1);
    await press(b, 'U0VOTER01', 1);
    await press(b, 'U0VOTER02', 0);
    const ephemeral = await waitFor(() => slack.calls.find((c) => c.method === 'respond/vote/U0VOTER01/1'), 'vote confirmed');
    expect(ephemeral.params).toMatchObject({ response_type: 'ephemeral' });
    expect(String(ephemeral.params.text)).toContain('Niemand kan zien wat jij koos');
    await waitFor(() => slack.calls.filter((c) => c.method.startsWith('respond/vote/')).length >= 3 ? true : undefined, 'all votes confirmed');
    // In Teams the vote arrives as Action.Submit from the card.
    const teamsCard = cardOf(connector.posts.filter((p) => JSON.stringify(cardOf(p)).includes('Een grote fles champagne')).at(-1));
    const vote = (teamsCard?.actions as { title: string; data: Record<string, unknown> }[]).find((x) => x.title === 'B')?.data;
    await teams(b, teamsActivity('submit-action.json', { value: vote, conversation: { id: `${TEAMS_CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true } }));
    // The confirmation goes to the voter's personal chat, not the channel.
    const confirmation = connector.posts.at(-1);
    expect(confirmation?.path).not.toContain(encodeURIComponent(TEAMS_CHANNEL));
    expect(JSON.stringify(cardOf(confirmation))).toContain('Je stem is geteld');
    const votes = await a.services.store.db.selectFrom('poll_votes').selectAll().where('poll_id', '=', poll!.id).execute();
    expect(votes).toHaveLength(3);
    expect(JSON.stringify(votes)).not.toMatch(/U0VOTER|6b1f7d4e/);
    clock = new Date(clock.getTime() + 72 * HOUR);
    await Promise.all([a.server.polls.scheduler.runDue(clock), b.server.polls.scheduler.runDue(clock)]);
    const result = slackPosts().filter((c) => String(c.params.text).includes('Een grote fles champagne') && String(c.params.text).startsWith('Uitslag'));
    expect(result).toHaveLength(1);
    expect(String(result[0]?.params.text)).toContain('(3 stemmen)');
    expect(String(result[0]?.params.text)).toContain('minder dan 5 mensen');
    expect(String(result[0]?.params.text)).toContain('Om samen te bespreken');
    expect(await a.services.store.db.selectFrom('poll_votes').selectAll().execute()).toEqual([]);
    expect(await a.services.store.db.selectFrom('polls').select('hash_key').where('hash_key', 'is not', null).execute()).toEqual([]);
  });
});
