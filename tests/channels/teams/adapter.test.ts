import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardOf, type ConnectorPost, fakeConnector, teamsFixture } from '../../helpers/fake-teams.js';
import { type RunningServer, startServer } from '../../helpers/server.js';

type Activity = Record<string, unknown> & { value?: Record<string, unknown>; conversation: { id: string } };

const fixture = (name: string, serviceUrl: string) => teamsFixture(name, serviceUrl) as Activity;

let connector: Awaited<ReturnType<typeof fakeConnector>>;
let running: RunningServer;

beforeAll(async () => {
  connector = await fakeConnector();
  // No credentials: development mode, as on a developer's machine; replies go to the fake connector.
  running = await startServer();
});

afterAll(async () => {
  await running.close();
  await connector.close();
});

async function send(activity: Activity): Promise<ConnectorPost> {
  const before = connector.posts.length;
  const response = await fetch(`${running.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(response.status).toBe(200);
  const post = connector.posts[before];
  expect(post, 'the bot answered through the connector').toBeDefined();
  return post!;
}

function texts(card: Record<string, unknown> | undefined): string {
  return JSON.stringify(card?.body ?? []);
}

function submitData(card: Record<string, unknown> | undefined, title: string): Record<string, unknown> {
  const action = (card?.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === title);
  expect(action, `button "${title}"`).toBeDefined();
  return action!.data;
}

describe('Teams on /api/messages (development mode, fake connector)', () => {
  it('answers a personal message with an Adaptive Card, as a reply in the same conversation', async () => {
    const activity = fixture('message-personal.json', connector.url);
    const post = await send(activity);
    expect(post.path).toBe(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${String(activity.id)}`);
    expect(post.activity.type).toBe('message');
    const card = cardOf(post);
    expect(card?.version).toBe('1.5');
    expect(texts(card)).toContain('Ja, dit mag je aannemen');
  });

  it('a question, its follow-up through Action.Submit, and a gift registered with the form card', async () => {
    const personal = fixture('message-personal.json', connector.url);
    const asked = await send({ ...personal, text: 'Mag ik een kerstpakket van een leverancier houden?' });
    const question = cardOf(asked);
    expect(texts(question)).toContain('Wat is de geschatte waarde?');
    const value = submitData(question, 'Meer dan €50');
    const answered = await send({ ...fixture('submit-action.json', connector.url), value });
    expect(texts(cardOf(answered))).toContain('neem je niet aan');
    const register = submitData(cardOf(answered), 'Registreer dit geschenk');
    const formPost = await send({ ...fixture('submit-action.json', connector.url), value: register });
    const form = cardOf(formPost);
    expect(texts(form)).toContain('Geschenk registreren');
    // The person fills in the inputs; Teams merges them into the button's data.
    const inputs = { direction: 'aangeboden', date: '2026-11-20', description: 'Kerstpakket', valueEuros: 'ongeveer 60 euro', giverOrg: 'Drukkerij Van Dam', giverRelation: 'leverancier', accepted: 'nee' };
    const submit = submitData(form, 'Opslaan');
    const wrong = await send({ ...fixture('submit-action.json', connector.url), value: { ...submit, ...inputs, date: '2099-01-01' } });
    expect(texts(cardOf(wrong))).toContain('ligt in de toekomst');
    expect(texts(cardOf(wrong))).toContain('Drukkerij Van Dam');
    expect(await running.services.registers.listOwn('teams:6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f')).toMatchObject({ gifts: [] });
    const saved = await send({ ...fixture('submit-action.json', connector.url), value: { ...submit, ...inputs } });
    expect(texts(cardOf(saved))).toContain('Opgeslagen in het geschenkenregister');
    const { gifts } = await running.services.registers.listOwn('teams:6b1f7d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f');
    expect(gifts).toEqual([expect.objectContaining({ description: 'Kerstpakket', accepted: false, outcome: 'afgeslagen', verdict: 'niet_toegestaan' })]);
  });

  it('the meldwijzer under a referral by Action.Submit, ending in routes whose numbers and addresses are links', async () => {
    const personal = fixture('message-personal.json', connector.url);
    const referral = cardOf(await send({ ...personal, text: 'Ik vermoed dat een collega facturen vervalst' }));
    const start = submitData(referral, 'Waar kan ik dit melden?');
    expect(start).toEqual({ text: '', action: 'meldroutes' });
    const kinds = cardOf(await send({ ...fixture('submit-action.json', connector.url), value: start }));
    const misstand = submitData(kinds, 'Een misstand die het algemeen belang raakt');
    expect(misstand).toEqual({ text: 'misstand', action: 'meldwijzer_soort' });
    const way = cardOf(await send({ ...fixture('submit-action.json', connector.url), value: misstand }));
    const report = submitData(way, 'Ik wil het melden');
    const routes = texts(cardOf(await send({ ...fixture('submit-action.json', connector.url), value: report })));
    expect(routes).toContain('Huis voor Klokkenluiders: extern melden');
    expect(routes).toContain('[088 133 1030](tel:0881331030)');
    expect(routes).toContain('[integriteit@gemeente.example](mailto:integriteit@gemeente.example)');
    expect(routes).toContain('[huisvoorklokkenluiders.nl](https://www.huisvoorklokkenluiders.nl)');
    expect(routes).toContain('Binnen 7 dagen krijg je een ontvangstbevestiging');
    expect(routes).not.toContain('Klachtencommissie');
  });

  it('an @mention in a team channel is answered there, and the channel is remembered without the person', async () => {
    const post = await send(fixture('message-channel-mention.json', connector.url));
    expect(texts(cardOf(post))).not.toContain('Gedragsbot</at>');
    expect(texts(cardOf(post)).toLowerCase()).toContain('laptop');
    const [target] = await running.services.channels.list('teams');
    expect(target).toMatchObject({ id: '19:a1b2c3d4e5f64789a0b1c2d3e4f5a6b7@thread.tacv2', name: 'Team Publiekszaken / Integriteit' });
    expect(target?.address).not.toContain('Bram');
    expect(target?.address).not.toContain('0f9e8d7c');
    expect(JSON.parse(target?.address ?? '{}')).toMatchObject({ serviceUrl: connector.url, conversation: { id: target?.id } });
  });

  it('welcomes people when the app is installed, with the menu', async () => {
    const post = await send(fixture('install-personal.json', connector.url));
    const card = cardOf(post);
    expect(texts(card)).toContain('Ik bewaar je berichten niet');
    expect((card?.actions as { title: string }[]).map((a) => a.title)).toContain('Geschenk registreren');
    expect((card?.actions as { title: string }[]).map((a) => a.title)).toContain('Wat bewaren we?');
  });

  it('posts into a remembered channel on its own (what the weekly poll needs)', async () => {
    const [target] = await running.services.channels.list('teams');
    const before = connector.posts.length;
    await running.server.teams.post(JSON.parse(target!.address) as Record<string, unknown>, async (context) => {
      await context.sendActivity('Hallo kanaal');
    });
    expect(connector.posts[before]?.path).toMatch(new RegExp(`^/v3/conversations/${encodeURIComponent(target!.id)}/activities`));
    expect(connector.posts[before]?.activity.text).toBe('Hallo kanaal');
  });
});

describe('Teams with credentials', () => {
  it('refuses POST /api/messages without Authorization with 401 and handles nothing', async () => {
    const secured = await startServer({
      teams: { appId: '11111111-2222-4333-8444-555555555555', password: 'not-a-real-secret', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    });
    try {
      const before = connector.posts.length;
      const response = await fetch(`${secured.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixture('message-personal.json', connector.url)),
      });
      expect(response.status).toBe(401);
      // botbuilder writes the refused token to console.error; the test only needs the status.
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const forged = await fetch(`${secured.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'authorization': 'Bearer not.a.token' },
        body: JSON.stringify(fixture('message-personal.json', connector.url)),
      });
      quiet.mockRestore();
      expect(forged.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connector.posts.length).toBe(before);
      expect(await secured.services.store.db.selectFrom('usage_counts').selectAll().execute()).toEqual([]);
    } finally {
      await secured.close();
    }
  });
});
