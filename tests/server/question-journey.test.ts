import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack, type SlackCall } from '../helpers/fake-slack.js';
import { cardOf, type ConnectorPost, fakeConnector, type FakeConnector, teamsFixture } from '../helpers/fake-teams.js';
import { databaseText } from '../helpers/database-text.js';
import { type RunningServer, startServer } from '../helpers/server.js';
import { postPayload, postSigned, SIGNING_SECRET, slackFixture, waitFor } from '../helpers/slack-requests.js';

/**
 * A question to the coordinator over the real transports: the asker talks to the bot in Slack or Teams,
 * the question lands in the coordinators' channel, the coordinator answers from there, the answer comes
 * back to the asker on its own, both sides write once more, the asker closes it. At every step the
 * coordinators' channel and the database are searched for the asker's id.
 */
const SECRET = 'journey-secret-of-at-least-thirty-two-characters';
const CODE = /V-[2-9A-HJ-NP-Z]{5}/;
const QUESTION = 'Mijn schoonzus wil offerte doen voor de schoonmaak van het stadhuis. Moet ik dat ergens melden?';
const ANSWER = 'Goed dat je het vraagt: meld het bij je leidinggevende en beoordeel die offerte niet zelf.';
const FOLLOW_UP = 'Dank je. Moet ik het ook in het register zetten?';
const ANSWER_BACK = 'Nee, een melding bij je leidinggevende is genoeg; die legt het vast.';

describe('a question from Slack, answered in the coordinators\' Slack channel', () => {
  const ASKER = 'U0ASKER77';
  const COORDINATOR = 'U0COORD01';
  const INBOX = 'C0INBOX01';
  let slack: FakeSlack;
  let running: RunningServer;

  beforeAll(async () => {
    slack = await fakeSlackApi();
    running = await startServer({
      slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url },
      coordinators: [`slack:${COORDINATOR}`],
      secret: SECRET,
      questions: { inbox: [{ platform: 'slack', channel: INBOX }], keepDays: 30, reminderWorkingDays: 3 },
    });
  });

  afterAll(async () => {
    await running.close();
    await slack.close();
  });

  let nextEvent = 1;
  const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
  const postedTo = (channel: string) => posts().filter((c) => c.params.channel === channel);

  /** Whatever the bot posted next, anywhere. */
  async function after(before: number, send: () => Promise<Response>): Promise<SlackCall> {
    expect((await send()).status).toBe(200);
    return waitFor(() => posts()[before], 'een bericht van de bot');
  }

  function dm(user: string, text: string) {
    const before = posts().length;
    const event = JSON.parse(slackFixture('message-im.json')) as { event_id: string; event: Record<string, string> };
    event.event_id = `Ev0Q${String(nextEvent++).padStart(8, '0')}`;
    event.event = { ...event.event, text, user, channel: `D${user.slice(1)}`, ts: `1763800${String(nextEvent).padStart(3, '0')}.000100` };
    return after(before, () => postSigned(running.base, JSON.stringify(event)));
  }

  function press(user: string, channel: string, actionId: string, value: string) {
    const before = posts().length;
    const payload = JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown>;
    payload.user = { id: user, username: 'x', name: 'x', team_id: 'T0ABC1234' };
    payload.channel = { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'integriteit-vragen' };
    payload.container = { type: 'message', message_ts: '1763800001.000200', channel_id: channel, is_ephemeral: false };
    payload.actions = [{ action_id: `gedragsbot_${actionId}_0`, block_id: 'b', type: 'button', value, action_ts: '1763800002.000300' }];
    return after(before, () => postPayload(running.base, payload));
  }

  const text = (call: SlackCall) => `${String(call.params.text)} ${JSON.stringify(call.params.blocks ?? [])}`;
  const buttonsOf = (call: SlackCall) => (JSON.stringify(call.params.blocks ?? []).match(/gedragsbot_[a-z_]+[a-z]/g) ?? []);

  it('goes there and back without any trace of the asker in the channel or the database', async () => {
    const start = await dm(ASKER, 'Ik wil een vraag anoniem stellen aan de integriteitscoördinator');
    expect(text(start)).toContain('niet wie hem stelt');
    const review = await dm(ASKER, QUESTION);
    expect(text(review)).toContain('Mijn schoonzus');
    expect(buttonsOf(review)).toContain('gedragsbot_vraag_versturen');
    const sent = await press(ASKER, `D${ASKER.slice(1)}`, 'vraag_versturen', '');
    expect(sent.params.channel).toBe(`D${ASKER.slice(1)}`);
    const code = CODE.exec(text(sent))?.[0];
    expect(code).toBeDefined();

    await running.server.outreach.tick(new Date());
    const inInbox = await waitFor(() => postedTo(INBOX)[0], 'de vraag in het kanaal van de coördinatoren');
    expect(text(inInbox)).toContain(code!);
    expect(text(inInbox)).toContain('Mijn schoonzus');
    expect(buttonsOf(inInbox)).toContain('gedragsbot_vraag_beantwoorden');
    expect(JSON.stringify(postedTo(INBOX))).not.toContain(ASKER.slice(1));
    expect(await databaseText(running.services.store)).not.toContain(ASKER.slice(1));

    // The coordinator presses "Beantwoorden" in the channel: the typing happens in their own chat with the bot.
    const begin = await press(COORDINATOR, INBOX, 'vraag_beantwoorden', code!);
    expect(begin.params.channel).toBe(COORDINATOR);
    expect(text(begin)).toContain(code!);
    await dm(COORDINATOR, ANSWER);
    const answered = await press(COORDINATOR, `D${COORDINATOR.slice(1)}`, 'vraag_versturen', '');
    expect(text(answered)).toContain('onderweg');

    const before = posts().length;
    await running.server.outreach.tick(new Date());
    const delivered = await waitFor(() => posts().slice(before).find((c) => c.params.channel === ASKER), 'het antwoord bij de vraagsteller');
    expect(text(delivered)).toContain('beoordeel die offerte niet zelf');
    expect(buttonsOf(delivered)).toEqual(expect.arrayContaining(['gedragsbot_vraag_reageren', 'gedragsbot_vraag_sluiten']));

    // A follow-up from the asker, and an answer back.
    await press(ASKER, `D${ASKER.slice(1)}`, 'vraag_reageren', code!);
    await dm(ASKER, FOLLOW_UP);
    await press(ASKER, `D${ASKER.slice(1)}`, 'vraag_versturen', '');
    await running.server.outreach.tick(new Date());
    const followUp = await waitFor(() => postedTo(INBOX).find((c) => text(c).includes('in het register zetten')), 'de reactie in het kanaal');
    expect(text(followUp)).toContain(code!);
    await press(COORDINATOR, INBOX, 'vraag_beantwoorden', code!);
    await dm(COORDINATOR, ANSWER_BACK);
    await press(COORDINATOR, `D${COORDINATOR.slice(1)}`, 'vraag_versturen', '');
    const beforeBack = posts().length;
    await running.server.outreach.tick(new Date());
    await waitFor(() => posts().slice(beforeBack).find((c) => c.params.channel === ASKER && text(c).includes('die legt het vast')), 'het tweede antwoord');

    expect(JSON.stringify(postedTo(INBOX))).not.toContain(ASKER.slice(1));
    const closed = await press(ASKER, `D${ASKER.slice(1)}`, 'vraag_sluiten', code!);
    expect(text(closed)).toContain('gesloten');
    await running.server.outreach.tick(new Date());
    await waitFor(() => postedTo(INBOX).find((c) => text(c).includes('is gesloten')), 'de sluiting in het kanaal');
    expect(await running.services.questions(30).askerOf(code!)).toBeNull();
    expect(await databaseText(running.services.store)).not.toContain(ASKER.slice(1));
  });
});

describe('a question from Teams, answered in the coordinators\' Teams channel', () => {
  const ASKER = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
  const COORDINATOR = '6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f';
  let connector: FakeConnector;
  let running: RunningServer;
  let inbox: string;

  beforeAll(async () => {
    connector = await fakeConnector();
    inbox = teamsFixture('message-channel-mention.json', 'x').conversation.id.split(';')[0]!;
    running = await startServer({
      coordinators: [`teams:${COORDINATOR}`],
      secret: SECRET,
      questions: { inbox: [{ platform: 'teams', channel: inbox }], keepDays: 30, reminderWorkingDays: 3 },
    });
  });

  afterAll(async () => {
    await running.close();
    await connector.close();
  });

  async function post(activity: Record<string, unknown>): Promise<ConnectorPost[]> {
    const before = connector.posts.length;
    const response = await fetch(`${running.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(200);
    return connector.posts.slice(before);
  }

  function personal(user: string, fields: Record<string, unknown>) {
    const activity = teamsFixture('message-personal.json', connector.url);
    const conversation = { ...activity.conversation, id: chatOf(user) };
    return post({ ...activity, conversation, from: { id: `29:${user}`, name: 'Medewerker', aadObjectId: user }, ...fields });
  }

  function inChannel(user: string, fields: Record<string, unknown>) {
    const activity = teamsFixture('message-channel-mention.json', connector.url);
    return post({ ...activity, from: { ...(activity.from as object), aadObjectId: user }, ...fields });
  }

  /** The id of a person's own chat with the bot: as identifying as the person's id. */
  const chatOf = (user: string) => `a:1Chat${user.slice(0, 8)}XyZ`;
  const say = (user: string, text: string) => personal(user, { text });
  const press = (user: string, action: string, value: string) =>
    personal(user, { text: undefined, value: { action, text: value } });
  const textOf = (posts: ConnectorPost[]) => posts.map((p) => `${p.activity.text ?? ''} ${JSON.stringify(cardOf(p) ?? {})}`).join('\n');
  const inboxPosts = () => connector.posts.filter((p) => decodeURIComponent(p.path).includes(inbox));

  it('goes there and back without any trace of the asker in the channel or the database', async () => {
    // The bot learns the coordinators' channel when it is mentioned there once.
    await inChannel(COORDINATOR, { text: '<at>Gedragsbot</at> help' });
    expect(textOf(await say(ASKER, 'kan ik anoniem iets vragen aan de integriteitscoordinator?'))).toContain('niet wie hem stelt');
    expect(textOf(await say(ASKER, QUESTION))).toContain('Mijn schoonzus');
    const code = CODE.exec(textOf(await press(ASKER, 'vraag_versturen', '')))?.[0];
    expect(code).toBeDefined();

    await running.server.outreach.tick(new Date());
    const arrived = await waitFor(() => inboxPosts().find((p) => textOf([p]).includes(code!)), 'de vraag in het Teams-kanaal');
    expect(textOf([arrived])).toContain('Mijn schoonzus');
    expect(textOf([arrived])).toContain('vraag_beantwoorden');
    expect(JSON.stringify(inboxPosts())).not.toContain(ASKER);
    expect(await databaseText(running.services.store)).not.toMatch(new RegExp(`${ASKER}|${chatOf(ASKER)}`));

    await inChannel(COORDINATOR, { text: undefined, value: { action: 'vraag_beantwoorden', text: code } });
    await say(COORDINATOR, ANSWER);
    expect(textOf(await press(COORDINATOR, 'vraag_versturen', ''))).toContain('onderweg');
    const before = connector.posts.length;
    await running.server.outreach.tick(new Date());
    const delivered = await waitFor(
      () => connector.posts.slice(before).find((p) => !decodeURIComponent(p.path).includes(inbox) && textOf([p]).includes('beoordeel die offerte')),
      'het antwoord in het persoonlijke gesprek van de vraagsteller',
    );
    expect(textOf([delivered])).toContain('vraag_reageren');
    // Teams opens (or finds) the asker's own chat with the bot and posts there: nowhere else.
    const chat = connector.opened.find((o) => decodeURIComponent(delivered.path).includes(o.id));
    expect(JSON.stringify(chat?.parameters)).toContain(ASKER);

    await press(ASKER, 'vraag_reageren', code!);
    await say(ASKER, FOLLOW_UP);
    await press(ASKER, 'vraag_versturen', '');
    await running.server.outreach.tick(new Date());
    await waitFor(() => inboxPosts().find((p) => textOf([p]).includes('in het register zetten')), 'de reactie in het kanaal');
    await inChannel(COORDINATOR, { text: undefined, value: { action: 'vraag_beantwoorden', text: code } });
    await say(COORDINATOR, ANSWER_BACK);
    await press(COORDINATOR, 'vraag_versturen', '');
    const beforeBack = connector.posts.length;
    await running.server.outreach.tick(new Date());
    await waitFor(() => connector.posts.slice(beforeBack).find((p) => !decodeURIComponent(p.path).includes(inbox) && textOf([p]).includes('die legt het vast')), 'het tweede antwoord');

    expect(textOf(await press(ASKER, 'vraag_sluiten', code!))).toContain('gesloten');
    expect(await running.services.questions(30).askerOf(code!)).toBeNull();
    expect(JSON.stringify(inboxPosts())).not.toContain(ASKER);
    expect(await databaseText(running.services.store)).not.toMatch(new RegExp(`${ASKER}|${chatOf(ASKER)}`));
  });
});
