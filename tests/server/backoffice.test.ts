import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser, type RunningProvider, signInOnLoopback, type TestAccount } from '../helpers/oidc.js';
import { type RunningServer, startServer } from '../helpers/server.js';

/**
 * Sign-in through a real OpenID Connect provider on loopback (oidc-provider), then the back office and
 * the web chat as the signed-in person: who gets in where, what an anonymous request gets (nothing),
 * and a coordinator's decision reaching the employee's "mijn registraties".
 */
const ACCOUNTS: TestAccount[] = [
  { sub: 'hr-1', name: 'Hanna Roos', email: 'h.roos@gemeente.example', groups: ['grp-hr'] },
  { sub: 'coord-1', name: 'Cor de Boer', email: 'C.deBoer@gemeente.example', groups: [] },
  { sub: 'mw-1', name: 'Mila Willems', email: 'm.willems@gemeente.example', groups: ['grp-iedereen'] },
];

let provider: RunningProvider;
let running: RunningServer;
let base: string;

beforeAll(async () => {
  const setup = await signInOnLoopback(ACCOUNTS, { hr: ['grp-hr'], coordinator: ['c.deboer@gemeente.example'], wio: [] });
  const { port, oidc } = setup;
  ({ base, provider } = setup);
  running = await startServer({ port, oidc, coordinators: [] });
}, 30_000);

afterAll(async () => {
  await running.close();
  await provider.close();
});

const anonymous = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', ...init });

describe('sign-in with OpenID Connect (authorization code + PKCE) against a provider on loopback', () => {
  it('an anonymous visitor gets no data: pages send to the sign-in, the chat API answers 401', async () => {
    for (const path of ['/hr', '/hr/rapport', '/hr/csv/vragen.csv', '/coordinator', '/coordinator/nevenwerk/publicatie.csv', '/']) {
      const response = await anonymous(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/auth/login?terug=${encodeURIComponent(path)}`);
    }
    const chat = await anonymous('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'mijn registraties' }) });
    expect(chat.status).toBe(401);
    expect(await chat.json()).toEqual({ error: 'Log eerst in met je account van de organisatie.' });
  });

  it('the sign-in uses PKCE (S256), state and nonce, and sets a signed, HttpOnly, SameSite=Lax cookie', async () => {
    const start = await anonymous('/auth/login?terug=/hr');
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/auth/callback`);
    const browser = new CookieBrowser();
    const landed = await browser.signIn(`${base}/hr`, 'hr-1');
    expect(landed.status).toBe(200);
    expect(landed.url).toBe(`${base}/hr`);
    expect(landed.text).toContain('Hanna Roos');
    const cookie = browser.cookieHeader(base);
    expect(cookie).toMatch(/^gedragsbot_sessie=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    // The store keeps a keyed hash of the token, never the token itself.
    const token = cookie.split('=')[1]!.split('.')[0]!;
    const rows = await running.services.store.db.selectFrom('web_sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    // A replayed callback (same state) is refused.
    const replay = await fetch(`${base}/auth/callback?code=x&state=${authorize.searchParams.get('state') ?? ''}`, { redirect: 'manual' });
    expect(replay.status).toBe(400);
  });

  it('roles come from the groups claim or the e-mail address; without the role: 403', async () => {
    const hr = new CookieBrowser();
    await hr.signIn(`${base}/hr`, 'hr-1');
    expect((await hr.go(`${base}/coordinator`)).status).toBe(403);
    const coordinator = new CookieBrowser();
    expect((await coordinator.signIn(`${base}/coordinator`, 'coord-1')).status).toBe(200);
    const refused = await coordinator.go(`${base}/hr`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Geen toegang');
    const employee = new CookieBrowser();
    expect((await employee.signIn(`${base}/hr`, 'mw-1')).status).toBe(403);
    expect((await employee.go(`${base}/coordinator`)).status).toBe(403);
  });

  it('a forged or tampered cookie is no session', async () => {
    const forged = await anonymous('/hr', { headers: { cookie: `gedragsbot_sessie=${'a'.repeat(43)}.${'b'.repeat(43)}` } });
    expect(forged.status).toBe(303);
  });

  it('web-chat registrations belong to the signed-in person; a decision reaches "mijn registraties"', async () => {
    const employee = new CookieBrowser();
    expect((await employee.signIn(`${base}/`, 'mw-1')).status).toBe(200);
    const say = async (text: string) => {
      const r = await employee.go(`${base}/api/chat`, { method: 'POST', body: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });
      return (JSON.parse(r.text) as { card: { body: { text?: string }[] } }).card.body.map((b) => b.text ?? '').join('\n');
    };
    await say('Ik wil een geschenk registreren');
    for (const answer of ['Gekregen', 'Vandaag', 'Fles whisky', '120', 'Bouwbedrijf Jansen', 'Leverancier', 'Ja, aangenomen', 'Zelf gehouden']) await say(answer);
    expect(await say('Opslaan')).toContain('Opgeslagen in het geschenkenregister');
    const [gift] = await running.services.registers.listOwn('oidc:mw-1').then((l) => l.gifts);
    expect(gift?.description).toBe('Fles whisky');

    const coordinator = new CookieBrowser();
    const list = await coordinator.signIn(`${base}/coordinator?signaal=gehouden`, 'coord-1');
    expect(list.text).toContain('Mila Willems (m.willems@gemeente.example)');
    expect(list.text).toContain('Boven de grens en gehouden');
    const code = /href="\/coordinator\/registratie\/(G-[0-9A-Z]{4})"/.exec(list.text)?.[1];
    expect(code).toBeDefined();
    const form = new URLSearchParams({ besluit: 'niet_akkoord', maatregel: 'inleveren', bestemming: 'Receptie stadhuis', notitie: 'Lever de fles in bij de receptie.' });
    const missing = await coordinator.go(`${base}/coordinator/registratie/${code!}`, { method: 'POST', body: new URLSearchParams({ besluit: 'niet_akkoord' }), headers: { origin: base } });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Kies bij niet akkoord wat er met het geschenk gebeurt');
    const foreign = await coordinator.go(`${base}/coordinator/registratie/${code!}`, { method: 'POST', body: form, headers: { origin: 'https://elders.example' } });
    expect(foreign.status).toBe(403);
    const saved = await coordinator.go(`${base}/coordinator/registratie/${code!}`, { method: 'POST', body: form, headers: { origin: base } });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('De beslissing is opgeslagen');
    expect(saved.text).toContain('niet akkoord — inleveren');
    expect(saved.text).toContain('Receptie stadhuis');

    const mine = await say('mijn registraties');
    expect(mine).toContain(`De integriteitscoördinator heeft besloten over je registratie ${code!} (Fles whisky,`);
    expect(mine).toContain('niet akkoord — inleveren. Lever de fles in bij de receptie.');
  }, 30_000);

  it('HR: the dashboard with its tables, the printable report and a CSV per table, in Dutch', async () => {
    const at = new Date();
    await running.services.usage.record([
      ...Array.from({ length: 12 }, () => ({ event: 'vraag' as const, intent: 'geschenk', verdict: 'toegestaan', channel: 'slack' as const, at })),
      ...Array.from({ length: 2 }, () => ({ event: 'vraag' as const, intent: 'informatie', verdict: 'toegestaan', channel: 'web' as const, at })),
    ]);
    const hr = new CookieBrowser();
    const dashboard = await hr.signIn(`${base}/hr`, 'hr-1');
    expect(dashboard.text).toContain('Vragen per thema per maand');
    expect(dashboard.text).toContain('<script src="/backoffice/static/chart.umd.min.js"></script>');
    expect(dashboard.text).not.toMatch(/>(geschenk|informatie|toegestaan)</);
    expect((await hr.go(`${base}/backoffice/static/chart.umd.min.js`)).text.length).toBeGreaterThan(100_000);
    const csv = await hr.go(`${base}/hr/csv/vragen.csv`);
    expect(csv.response.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toMatch(/^Thema;jan;feb;mrt;apr;mei;jun;jul;aug;sep;okt;nov;dec;Totaal\r\n/);
    expect(csv.text).toContain('Omgaan met informatie;');
    expect(csv.text).toContain('<5');
    const report = await hr.go(`${base}/hr/rapport`);
    expect(report.text).toContain('Jaarrapportage integriteit');
    expect(report.text).toContain('class="afdruk"');
  });

  it('signing out ends the session in the store', async () => {
    const browser = new CookieBrowser();
    await browser.signIn(`${base}/hr`, 'hr-1');
    const sessions = () => running.services.store.db.selectFrom('web_sessions').select('id_hash').execute().then((r) => r.length);
    const before = await sessions();
    const cookie = browser.cookieHeader(base);
    const out = await browser.go(`${base}/auth/uitloggen`, { method: 'POST', headers: { origin: base } });
    expect(out.text).toContain('Je bent uitgelogd');
    expect(await sessions()).toBe(before - 1);
    expect(browser.cookieHeader(base)).toBe('');
    expect((await anonymous('/hr', { headers: { cookie } })).status).toBe(303);
  });
});
