import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../helpers/server.js';

/**
 * The web chat's cookie identifies a visitor to the server. The review found it stored as the owner of
 * registrations ("web:<cookie>"), so a leaked export let anyone act as that visitor. The store keeps a
 * keyed hash instead.
 */
let running: RunningServer;

beforeAll(async () => {
  running = await startServer();
});

afterAll(async () => {
  await running.close();
});

async function chat(text: string, cookie?: string) {
  const response = await fetch(`${running.base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ text }),
  });
  const body = (await response.json()) as { card?: { body: { text?: string }[] }; error?: string };
  return { status: response.status, text: JSON.stringify(body), cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

describe('web chat visitors', () => {
  it('registrations belong to a keyed hash of the cookie, never the cookie; "trek 1 in" twice is answered twice', async () => {
    const first = await chat('ik wil een geschenk registreren');
    const cookie = first.cookie!;
    for (const step of ['ontvangen', 'gisteren', 'fles wijn', '30 euro', 'Bakkerij Jansen', 'Geen van deze', 'ja', 'Zelf gehouden', 'Opslaan']) {
      expect((await chat(step, cookie)).status).toBe(200);
    }
    const rows = await running.services.store.db.selectFrom('gift_entries').select('owner').execute();
    expect(rows).toHaveLength(1);
    const value = cookie.split('=')[1]!;
    expect(rows[0]!.owner).toMatch(/^web:[A-Za-z0-9_-]{43}$/);
    expect(rows[0]!.owner).not.toContain(value);
    const changes = await running.services.store.db.selectFrom('register_changes').select('owner').execute();
    expect(changes.every((c) => !c.owner.includes(value))).toBe(true);
    expect((await chat('mijn registraties', cookie)).text).toContain('fles wijn');
    const once = await chat('trek 1 in', cookie);
    const twice = await chat('trek 1 in', cookie);
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect(twice.text).toContain('ingetrokken');
  });
});
