import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConnector, teamsFixture } from '../../helpers/fake-teams.js';
import { type RunningServer, startServer } from '../../helpers/server.js';

/**
 * /api/messages without Teams credentials is the default and every Slack-only production setup.
 * The review found it open: a forged activity with the coordinator's id listed every registration,
 * another exported a victim's data, replies went to any serviceUrl, a forged conversationUpdate
 * planted a channel for the weekly poll. All of that must now end at 401 or 403, before any work.
 */
const COORDINATOR = '6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f';
let connector: Awaited<ReturnType<typeof fakeConnector>>;
let closed: RunningServer;

beforeAll(async () => {
  connector = await fakeConnector();
  closed = await startServer({ teamsDevelopment: false, coordinators: [`teams:${COORDINATOR}`] });
});

afterAll(async () => {
  await closed.close();
  await connector.close();
});

function send(server: RunningServer, activity: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${server.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

const personal = (text: string, serviceUrl: string) => ({
  ...teamsFixture('message-personal.json', serviceUrl),
  text,
  from: { id: '29:attacker', aadObjectId: COORDINATOR },
});

describe('Teams without credentials (not configured)', () => {
  it('"alle registraties" as the coordinator, "exporteer mijn gegevens" as a victim: 401, nothing posted or stored', async () => {
    for (const text of ['alle registraties', 'exporteer mijn gegevens']) {
      const response = await send(closed, personal(text, connector.url));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toContain('Niet aangemeld');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connector.posts).toEqual([]);
    expect(await closed.services.store.db.selectFrom('usage_counts').selectAll().execute()).toEqual([]);
  });

  it('a forged conversationUpdate plants no channel for the weekly poll', async () => {
    const install = teamsFixture('install-personal.json', connector.url);
    const forged = { ...install, conversation: { id: '19:forged@thread.tacv2', conversationType: 'channel' } };
    expect((await send(closed, forged)).status).toBe(401);
    expect(await closed.services.channels.list('teams')).toEqual([]);
  });

  it('a huge body is not even read: 401 first', async () => {
    const response = await fetch(`${closed.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2_000_000) });
    expect(response.status).toBe(401);
  });
});

describe('Teams in development mode (loopback only)', () => {
  let dev: RunningServer;

  beforeAll(async () => {
    dev = await startServer({ teamsDevelopment: true });
  });

  afterAll(async () => {
    await dev.close();
  });

  it('answers a local emulator on loopback, but never a serviceUrl elsewhere', async () => {
    const before = connector.posts.length;
    expect((await send(dev, personal('hallo', connector.url))).status).toBe(200);
    expect(connector.posts.length).toBe(before + 1);
    for (const serviceUrl of ['http://10.0.0.7:8080/', 'https://evil.example/', 'http://169.254.169.254/latest/', 'https://smba.trafficmanager.net.evil.example/']) {
      const response = await send(dev, personal('hallo', serviceUrl));
      expect(response.status, serviceUrl).toBe(403);
    }
  });

  it('a proactive post to a stored reference outside the allow-list is refused', async () => {
    await expect(dev.server.teams.post({ serviceUrl: 'https://evil.example/', conversation: { id: 'x', isGroup: true, conversationType: 'channel', name: '' } }, () => Promise.resolve()))
      .rejects.toThrow(/Bot Framework/);
  });
});
