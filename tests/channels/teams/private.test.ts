import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, fakeConnector, teamsFixture } from '../../helpers/fake-teams.js';
import { type RunningServer, startServer } from '../../helpers/server.js';

/** "@Gedragsbot mijn registraties" in a team channel: the person's register goes to their personal chat. */
let connector: Awaited<ReturnType<typeof fakeConnector>>;
let running: RunningServer;
const USER = '6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f';

beforeAll(async () => {
  connector = await fakeConnector();
  running = await startServer({ coordinators: [`teams:${USER}`] });
  await running.services.registers.saveGift(`teams:${USER}`, {
    direction: 'ontvangen', date: '2026-11-20', description: 'Taart van de bakker', valueEuros: 20,
    giverOrg: 'Bakkerij Jansen', giverRelation: 'geen', accepted: true, outcome: 'gedeeld',
  }, 'toegestaan_melden');
});

afterAll(async () => {
  await running.close();
  await connector.close();
});

async function mention(text: string) {
  const activity = teamsFixture('message-channel-mention.json', connector.url);
  const before = connector.posts.length;
  const response = await fetch(`${running.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, text: `<at>Gedragsbot</at> ${text}`, from: { ...(activity.from as object), aadObjectId: USER } }),
  });
  expect(response.status).toBe(200);
  const channelPath = `/v3/conversations/${encodeURIComponent(activity.conversation.id)}`;
  const posts = connector.posts.slice(before);
  return {
    inChannel: posts.filter((p) => p.path.startsWith(channelPath)),
    elsewhere: posts.filter((p) => !p.path.startsWith(channelPath)),
  };
}

describe('personal things asked in a Teams channel', () => {
  for (const text of ['mijn registraties', 'alle registraties', 'ik voel me onveilig op het werk']) {
    it(`"${text}": the person's own chat gets it, the channel a neutral note`, async () => {
      const { inChannel, elsewhere } = await mention(text);
      expect(inChannel).toHaveLength(1);
      expect(inChannel[0]!.activity.text).toBe('Ik heb je een persoonlijk bericht gestuurd.');
      expect(JSON.stringify(inChannel[0]!.activity)).not.toMatch(/Taart|Bakkerij|vertrouwenspersoon/i);
      expect(elsewhere).toHaveLength(1);
      expect(cardOf(elsewhere[0])).toBeDefined();
    });
  }

  it('a question about a gift is answered in the channel', async () => {
    const { inChannel, elsewhere } = await mention('mag ik een fles wijn van 20 euro aannemen?');
    expect(elsewhere).toEqual([]);
    expect(JSON.stringify(cardOf(inChannel[0]))).toContain('aannemen');
  });
});
