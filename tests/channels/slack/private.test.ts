import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type FakeSlack } from '../../helpers/fake-slack.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { postSigned, SIGNING_SECRET } from '../../helpers/slack-requests.js';

/**
 * "@gedragsbot mijn registraties" in a channel used to post the person's register in the channel's
 * thread, and a coordinator's "alle registraties" everyone's. Now the person gets it in a direct
 * message and the channel only a neutral note.
 */
const USER = 'U0PRIV0001';
const CHANNEL = 'C0TEAM0001';
let slack: FakeSlack;
let running: RunningServer;
let n = 0;

beforeAll(async () => {
  slack = await fakeSlackApi();
  running = await startServer({
    slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url },
    coordinators: [`slack:${USER}`],
  });
  await running.services.registers.saveGift(`slack:${USER}`, {
    direction: 'ontvangen', date: '2026-11-20', description: 'Taart van de bakker', valueEuros: 20,
    giverOrg: 'Bakkerij Jansen', giverRelation: 'geen', accepted: true, outcome: 'gedeeld',
  }, 'toegestaan_melden');
});

afterAll(async () => {
  await running.close();
  await slack.close();
});

const postMessages = () => slack.calls.filter((c) => c.method === 'chat.postMessage');

async function mention(text: string, expected: number) {
  n += 1;
  const ts = `1763900000.${String(n).padStart(6, '0')}`;
  const body = JSON.stringify({
    type: 'event_callback',
    event_id: `EvPRIV${String(n)}`,
    team_id: 'T0ABC1234',
    event: { type: 'app_mention', user: USER, channel: CHANNEL, text: `<@U0BOT1234> ${text}`, ts, event_ts: ts },
  });
  const before = postMessages().length;
  expect((await postSigned(running.base, body)).status).toBe(200);
  for (let i = 0; i < 100 && postMessages().length < before + expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // A moment more, so a post that should not be there would show up.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return postMessages().slice(before);
}

describe('personal things asked in a Slack channel', () => {
  for (const text of ['mijn registraties', 'exporteer mijn gegevens', 'alle registraties', 'ik word gepest door mijn leidinggevende']) {
    it(`"${text}": the person gets it in a DM, the channel only a neutral note`, async () => {
      const posts = await mention(text, 2);
      const inChannel = posts.filter((p) => p.params.channel === CHANNEL);
      const direct = posts.filter((p) => p.params.channel === USER);
      expect(direct).toHaveLength(1);
      expect(inChannel).toHaveLength(1);
      expect(JSON.stringify(inChannel[0]!.params)).not.toMatch(/Taart|Bakkerij|registratie|gepest|vertrouwenspersoon/i);
      expect(inChannel[0]!.params.text).toBe('Ik heb je een persoonlijk bericht gestuurd.');
    });
  }

  it('a question about a gift is answered in the thread as before', async () => {
    const posts = await mention('mag ik een fles wijn van 20 euro aannemen?', 1);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.params.channel).toBe(CHANNEL);
  });
});
