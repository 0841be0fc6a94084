import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../../src/core/engine/interaction.js';
import { DashboardData } from '../../src/store/services/dashboard.js';
import { databaseText } from '../helpers/database-text.js';
import { fakeSlackApi, type FakeSlack } from '../helpers/fake-slack.js';
import { capturedLogger } from '../helpers/log-capture.js';
import { CookieBrowser, type RunningProvider, signInOnLoopback, type TestAccount } from '../helpers/oidc.js';
import { type RunningServer, startServer } from '../helpers/server.js';
import { SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The coordinator's questions page over HTTP, signed in through the OIDC provider on loopback: a question
 * asked in Slack, answered and asked back on the page, the reply of the asker, and closing. What the page
 * sends reaches the asker's Slack chat through the outbox like an answer given in Slack; no page, log or
 * count holds who asked.
 */
const ACCOUNTS: TestAccount[] = [
  { sub: 'coord-1', name: 'Cor de Boer', email: 'c.deboer@gemeente.example', groups: ['grp-integriteit'] },
  { sub: 'mw-1', name: 'Mila Willems', email: 'm.willems@gemeente.example', groups: [] },
];
const ASKER = 'U0ASKER77';
const QUESTION = 'Mijn zwager solliciteert op een vacature in mijn team. Moet ik dat melden?';

let provider: RunningProvider;
let running: RunningServer;
let slack: FakeSlack;
let base: string;
const logs = capturedLogger();

beforeAll(async () => {
  slack = await fakeSlackApi();
  const setup = await signInOnLoopback(ACCOUNTS, { hr: [], coordinator: ['grp-integriteit'], wio: [] });
  const { port, oidc } = setup;
  ({ base, provider } = setup);
  running = await startServer({
    port,
    oidc,
    logger: logs.logger,
    slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url },
    questions: { inbox: [{ platform: 'slack', channel: 'CINBOX' }], keepDays: 30, reminderWorkingDays: 3 },
  });
}, 30_000);

afterAll(async () => {
  await running.close();
  await provider.close();
  await slack.close();
});

/** The asker in their own Slack chat with the bot. */
async function asker(interaction: Turn['interaction']): Promise<string> {
  const outcomes = await running.server.engine.handle({
    interaction,
    channel: 'slack',
    user: `slack:${ASKER}`,
    place: { kind: 'direct' },
    forms: 'modal',
    address: { platform: 'slack', user: ASKER },
  });
  return outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply.text] : [])).join('\n');
}

/** What the bot posted in Slack since the last look, per channel. */
async function delivered(): Promise<{ channel: string; text: string }[]> {
  const before = slack.calls.length;
  await running.server.outreach.tick(new Date());
  return slack.calls.slice(before)
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => ({ channel: String(c.params.channel), text: JSON.stringify(c.params) }));
}

const post = (browser: CookieBrowser, path: string, fields: Record<string, string>, origin = base) =>
  browser.go(`${base}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { origin } });

describe('the coordinator\'s questions page', () => {
  it('answers, asks back and closes a question from Slack; the asker gets each in Slack, and nobody sees who asked', async () => {
    await asker({ kind: 'text', text: 'Ik wil anoniem een vraag voorleggen aan de integriteitscoördinator' });
    await asker({ kind: 'text', text: QUESTION });
    const sent = await asker({ kind: 'action', id: 'vraag_versturen', value: '' });
    const code = /V-[2-9A-HJ-NP-Z]{5}/.exec(sent)?.[0];
    expect(code).toBeDefined();
    expect((await delivered()).map((d) => d.channel)).toEqual(['CINBOX']);

    // Anonymous: the sign-in. Signed in without the role: 403.
    const anonymous = await fetch(`${base}/coordinator/vragen`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/auth/login?terug=${encodeURIComponent('/coordinator/vragen')}`);
    const employee = new CookieBrowser();
    expect((await employee.signIn(`${base}/coordinator/vragen`, 'mw-1')).status).toBe(403);
    expect((await post(employee, `/coordinator/vragen/${code!}/antwoord`, { tekst: 'Hallo' })).status).toBe(403);

    const coordinator = new CookieBrowser();
    const list = await coordinator.signIn(`${base}/coordinator/vragen`, 'coord-1');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/coordinator/vragen/${code!}"`);
    expect(list.text).toContain('Mijn zwager solliciteert op een vacature in mijn team.');
    expect(list.text).toContain('Wacht op antwoord');
    expect(list.text).toContain('Vandaag gesteld');
    expect(list.text).toMatch(/<a href="\/coordinator\/vragen" aria-current="page">Vragen aan de coördinator<\/a>/);
    expect(list.text).toMatch(/<a href="\/coordinator">Werkplek integriteitscoördinator<\/a>/);

    // The same-origin check, an empty answer, then the answer.
    expect((await post(coordinator, `/coordinator/vragen/${code!}/antwoord`, { tekst: 'Hallo' }, 'https://elders.example')).status).toBe(403);
    const empty = await post(coordinator, `/coordinator/vragen/${code!}/antwoord`, { soort: 'antwoord', tekst: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Typ eerst je bericht aan de vraagsteller.');
    const answer = 'Ja, meld het bij je leidinggevende en doe niet mee aan de selectie.';
    const answered = await post(coordinator, `/coordinator/vragen/${code!}/antwoord`, { soort: 'antwoord', tekst: answer });
    expect(answered.status).toBe(200);
    expect(answered.url).toBe(`${base}/coordinator/vragen/${code!}?verstuurd=antwoord`);
    expect(answered.text).toContain('Je antwoord is onderweg naar de vraagsteller.');
    const toAsker = await delivered();
    expect(toAsker.map((d) => d.channel)).toEqual([ASKER]);
    expect(toAsker[0]?.text).toContain(`De integriteitscoördinator heeft je vraag ${code!} beantwoord`);
    expect(toAsker[0]?.text).toContain(answer);

    // A question back is worded as one.
    await post(coordinator, `/coordinator/vragen/${code!}/antwoord`, { soort: 'terugvraag', tekst: 'Werk je zelf mee aan de selectie?' });
    const back = await delivered();
    expect(back.map((d) => d.channel)).toEqual([ASKER]);
    expect(back[0]?.text).toContain(`De integriteitscoördinator heeft een vraag terug over je vraag ${code!}`);

    // The asker replies in Slack: the page puts the question back on top with the new reply.
    await asker({ kind: 'action', id: 'vraag_reageren', value: code! });
    await asker({ kind: 'text', text: 'Nee, dat doet mijn collega.' });
    await asker({ kind: 'action', id: 'vraag_versturen', value: '' });
    const withReply = await coordinator.go(`${base}/coordinator/vragen`);
    expect(withReply.text).toContain('Nieuwe reactie');
    expect(withReply.text).toContain('3 vervolgberichten');
    const thread = await coordinator.go(`${base}/coordinator/vragen/${code!}`);
    expect(thread.text).toContain('Nee, dat doet mijn collega.');
    expect(thread.text.indexOf(answer)).toBeLessThan(thread.text.indexOf('Nee, dat doet mijn collega.'));

    // Closing: the asker is told, their address erased; nothing more can be sent.
    const closed = await post(coordinator, `/coordinator/vragen/${code!}/sluiten`, {});
    expect(closed.text).toContain('De vraag is gesloten.');
    expect(await running.services.questions(30).askerOf(code!)).toBeNull();
    const told = (await delivered()).filter((d) => d.channel === ASKER);
    expect(told.map((d) => d.text).join()).toContain(`Vraag ${code!} is gesloten`);
    const late = await post(coordinator, `/coordinator/vragen/${code!}/antwoord`, { soort: 'antwoord', tekst: 'Nog iets' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Deze vraag is intussen gesloten');
    const after = await coordinator.go(`${base}/coordinator/vragen`);
    expect(after.text).toContain('Gesloten (1)');
    expect(after.text).toMatch(/Gesloten op [^<]*, weg op /);

    // Counted once each, with the band of the first answer; no count, page, log or table names the asker.
    await running.services.flushUsage();
    const data = new DashboardData(running.services.store);
    const year = new Date().getFullYear();
    const sum = async (event: string) => (await data.usage(event, year, 'verdict')).reduce((s, c) => s + c.count, 0);
    expect(await sum('vraag_voorgelegd')).toBe(1);
    expect((await data.usage('vraag_beantwoord', year, 'verdict')).map((c) => c.key)).toEqual(['0']);
    expect(await sum('vraag_gesloten')).toBe(1);
    const stored = await databaseText(running.services.store);
    for (const text of [list.text, withReply.text, thread.text, after.text, logs.text(), stored]) {
      expect(text).not.toContain(ASKER);
    }
    expect(logs.text()).not.toContain('zwager');
    expect(logs.text()).not.toContain('selectie');
  }, 60_000);

  it('an unknown code is a kind 404', async () => {
    const coordinator = new CookieBrowser();
    const missing = await coordinator.signIn(`${base}/coordinator/vragen/V-22222`, 'coord-1');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Deze vraag bestaat niet (meer)');
  });
});
