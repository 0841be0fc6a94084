import { afterEach, describe, expect, it } from 'vitest';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { bothStores } from '../helpers/stores.js';

/** The coordinator's workspace and the sign-in sessions on both databases. */
const gift = {
  direction: 'ontvangen' as const, date: '2026-11-02', description: 'Fles port', valueEuros: 80, giverOrg: 'Wijnhandel',
  giverRelation: 'leverancier' as const, accepted: true, outcome: 'gehouden' as const,
};
const words = () => ({ summary: 'niet akkoord — inleveren', notice: 'Je registratie: niet akkoord — inleveren.' });

describe.each(bothStores())('coordinator workspace and sessions on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
  });

  it('gives each entry one short code that stays, finds it by code or id, and records a decision with its trail', async () => {
    services = await connectStore(url(), { minimumCell: 5 });
    const entry = await services.registers.saveGift('slack:U1', gift, 'niet_toegestaan');
    const other = await services.registers.saveGift('slack:U2', { ...gift, valueEuros: 20, description: 'Pen' }, 'toegestaan');
    const workspace = services.workspace(50);
    const first = await workspace.list({ status: 'alle' });
    const again = await workspace.list({ status: 'alle' });
    expect(first.map((i) => i.code)).toEqual(again.map((i) => i.code));
    expect(new Set(first.map((i) => i.code)).size).toBe(2);
    const code = first.find((i) => i.entry.id === entry.id)!.code;
    expect(code).toMatch(/^G-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect((await workspace.find(code.toLowerCase().replace('-', '')))?.entry.id).toBe(entry.id);
    expect((await workspace.find(entry.id.slice(0, 8)))?.code).toBe(code);
    expect((await workspace.list({ keptAboveThreshold: true })).map((i) => i.entry.id)).toEqual([entry.id]);

    await workspace.decide(code, { decision: 'niet_akkoord', measure: 'inleveren', destination: 'Receptie', note: 'Graag inleveren.', publish: null }, 'c@x.nl', words);
    const decided = await workspace.find(code);
    expect(decided?.common).toMatchObject({ status: 'bekeken', decision: { decision: 'niet_akkoord', measure: 'inleveren', destination: 'Receptie', decidedBy: 'c@x.nl' } });
    const changes = await workspace.changes(decided!);
    expect(changes.map((c) => c.action)).toEqual(['aangemaakt', 'beoordeeld']);
    const own = await services.registers.listOwn('slack:U1');
    expect(own.notices.map((n) => n.message)).toEqual(['Je registratie: niet akkoord — inleveren.']);
    expect(own.gifts[0]?.reviewNote).toBe('niet akkoord — inleveren');
    // "niet akkoord" without a measure is refused; a withdrawn entry takes no decision.
    const otherCode = (await workspace.find(other.id.slice(0, 8)))!.code;
    await expect(workspace.decide(otherCode, { decision: 'niet_akkoord', measure: null, destination: null, note: null, publish: null }, 'c', words)).rejects.toThrow('maatregel');
    await services.registers.withdraw('slack:U2', 'geschenk', other.id);
    expect((await workspace.find(otherCode))?.common.status).toBe('ingetrokken');
    await expect(workspace.decide(otherCode, { decision: 'akkoord', measure: null, destination: null, note: null, publish: null }, 'c', words)).rejects.toThrow('ingetrokken');
    // "Verwijder mijn gegevens" takes the codes and decisions along.
    await services.registers.deleteAllOwn('slack:U1');
    expect(await services.store.db.selectFrom('register_decisions').selectAll().execute()).toEqual([]);
    expect((await services.store.db.selectFrom('register_codes').selectAll().execute()).map((r) => r.entry_id)).toEqual([other.id]);
  });

  it('a sign-in is taken once; a session is found by its token only, and ends', async () => {
    services = await connectStore(url(), { minimumCell: 5 });
    const sessions = services.sessions('een-geheim-van-minstens-tweeendertig-tekens');
    await sessions.startLogin('state-1', { verifier: 'v', nonce: 'n', returnTo: '/hr' }, 60_000);
    expect(await sessions.takeLogin('state-1')).toEqual({ verifier: 'v', nonce: 'n', returnTo: '/hr' });
    expect(await sessions.takeLogin('state-1')).toBeUndefined();
    const user = { owner: 'oidc:abc', name: 'Anna', email: 'a@x.nl', roles: ['hr' as const], expiresAt: new Date(Date.now() + 60_000).toISOString() };
    await sessions.create('token-1', user);
    expect(await sessions.get('token-1')).toEqual(user);
    expect(await sessions.get('token-2')).toBeUndefined();
    expect(JSON.stringify(await services.store.db.selectFrom('web_sessions').selectAll().execute())).not.toContain('token-1');
    expect((await sessions.people(['oidc:abc', 'slack:U1'])).get('oidc:abc')).toEqual({ name: 'Anna', email: 'a@x.nl' });
    await sessions.end('token-1');
    expect(await sessions.get('token-1')).toBeUndefined();
  });
});
