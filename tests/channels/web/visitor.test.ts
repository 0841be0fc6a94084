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

  it('the own export downloads as CSV and JSON with Dutch names, withdrawn entries marked as in "mijn registraties"', async () => {
    let cookie = (await chat('ik wil een geschenk registreren')).cookie!;
    for (const step of ['ontvangen', 'gisteren', 'taart', '20 euro', 'Bakkerij Jansen', 'Geen van deze', 'ja', 'Gedeeld met het team', 'Opslaan']) {
      cookie = (await chat(step, cookie)).cookie!;
    }
    await chat('mijn registraties', cookie);
    await chat('trek 1 in', cookie);
    const listed = (await chat('mijn registraties', cookie)).text;
    expect(listed).toContain('Ingetrokken:');
    expect(listed).toContain('taart');
    expect(listed).toContain('— ingetrokken');
    expect(listed).not.toContain('Je hebt nog niets geregistreerd');
    const exported = (await chat('exporteer mijn gegevens', cookie)).text;
    expect(exported).toContain('/api/mijn-gegevens.csv');
    expect(exported).not.toContain('"owner"');

    const csv = await fetch(`${running.base}/api/mijn-gegevens.csv`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=mijn-gegevens-gedragsbot.csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Geschenken');
    expect(lines[1]).toBe('Code;Status;Gekregen of aangeboden;Datum;Omschrijving;Geschatte waarde;Gever;Relatie met de gever;'
      + 'Aangenomen of afgeslagen;Wat ermee gebeurd is;Oordeel van de gedragscode;Geregistreerd op;Laatst gewijzigd op;'
      + 'Bekeken door de coördinator op;Notitie van de coördinator');
    expect(lines[2]).toMatch(/^G-[0-9A-Z]{4};Ingetrokken;Gekregen;\d+ \w+ \d{4};taart;20;Bakkerij Jansen;Geen zakelijke relatie;Aangenomen;Gedeeld met het team;/);
    expect(lines.join('\n')).not.toContain('web:');

    const json = await fetch(`${running.base}/api/mijn-gegevens.json`, { headers: { cookie } });
    const data = (await json.json()) as Record<string, Record<string, unknown>[]>;
    expect(data.Geschenken?.[0]).toMatchObject({ 'Status': 'Ingetrokken', 'Omschrijving': 'taart', 'Geschatte waarde': 20 });
    expect(data['Geschiedenis van je registraties']?.map((r) => r['Wat er gebeurde'])).toEqual(['Geregistreerd', 'Ingetrokken']);

    // Only our own page starts a download; without a conversation there is nothing to download.
    expect((await fetch(`${running.base}/api/mijn-gegevens.csv`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${running.base}/api/mijn-gegevens.csv`)).status).toBe(404);
  });
});
