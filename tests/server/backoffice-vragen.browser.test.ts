import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, lastCard, launch } from '../helpers/webchat.js';
import { person, signIn } from '../helpers/signed-in-browser.js';
import { type RunningProvider, signInOnLoopback, type TestAccount } from '../helpers/oidc.js';
import { type RunningServer, startServer } from '../helpers/server.js';

/**
 * The coordinator's questions page in headless Chromium, signed in through the OIDC provider on loopback:
 * an employee puts a question in the web chat, the coordinator finds it on the page (without any trace
 * of who asked), answers it, and the answer waits in the outbox for the asker, who sees it at their next
 * message. Screenshots at 1280 and 390 px go to test-results/ (not committed).
 */
const SHOTS = new URL('../../test-results/', import.meta.url);
const ACCOUNTS: TestAccount[] = [
  { sub: 'coord-1', name: 'Cor de Boer', email: 'c.deboer@gemeente.example', groups: ['grp-integriteit'] },
  { sub: 'mw-1', name: 'Mila Willems', email: 'm.willems@gemeente.example', groups: [] },
];
const QUESTION = 'Een leverancier vraagt of ik op persoonlijke titel een lezing wil geven op hun congres. Mag dat?';
const ANSWER = 'Dat mag, als je het vooraf meldt bij je leidinggevende en er geen vergoeding tegenover staat.';
let provider: RunningProvider;
let running: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const setup = await signInOnLoopback(ACCOUNTS, { hr: [], coordinator: ['grp-integriteit'], wio: [] });
  const { port, oidc } = setup;
  ({ base, provider } = setup);
  // No coordinators' channel: with sign-in on, the page is where questions arrive.
  running = await startServer({ port, oidc, questions: { inbox: [], keepDays: 30, reminderWorkingDays: 3 } });
  // A question from Teams waiting a week (overdue), and one already closed.
  const desk = running.services.questions(30);
  const teams = { platform: 'teams' as const, user: '29:teams-asker', tenantId: 't', serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: '28:bot' };
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  await desk.ask('Mijn partner wordt wethouder in een buurgemeente. Moet ik dat ergens melden?', teams, 'teams', weekAgo);
  const closed = await desk.ask('Mag ik een kerstpakket van een inwoner houden?', teams, 'teams', weekAgo);
  await desk.reply(closed.code, 'coordinator', 'Nee, geef het vriendelijk terug of lever het in bij de receptie.', new Date(weekAgo.getTime() + 3_600_000));
  await desk.close(closed.code, new Date(weekAgo.getTime() + 7_200_000));
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
  await provider.close();
});

async function say(page: Page, text: string): Promise<string> {
  // The welcome must be there first: a message sent while it loads would wait behind it.
  await page.locator('.bot').first().waitFor();
  await ask(page, text);
  return lastCard(page);
}

async function press(page: Page, label: string): Promise<string> {
  const before = await page.locator('.bot').count();
  await page.locator('.bot').last().getByRole('button', { name: label, exact: true }).click();
  await page.locator('.bot').nth(before).waitFor();
  return page.locator('.bot').last().innerText();
}

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe('the coordinator\'s questions page in headless Chromium', () => {
  it('a question from the web chat is answered on the page; the answer waits in the outbox and reaches the asker', async () => {
    const employee = await person(browser, 390);
    const chat = await employee.newPage();
    await signIn(chat, base, '/', 'mw-1');
    expect(await say(chat, 'Ik wil anoniem een vraag voorleggen aan de integriteitscoördinator')).toContain('niet wie hem stelt');
    expect(await say(chat, QUESTION)).toContain('Klopt hij zo?');
    const sent = await press(chat, 'Versturen');
    const code = /V-[2-9A-HJ-NP-Z]{5}/.exec(sent)?.[0];
    expect(code).toBeDefined();

    for (const width of [1280, 390]) {
      const context = await person(browser, width);
      const page = await context.newPage();
      await signIn(page, base, '/coordinator/vragen', 'coord-1');
      await expect.poll(() => page.title()).toContain('Vragen aan de integriteitscoördinator');
      const main = await page.locator('main').innerText();
      expect(main).toContain(code!);
      expect(main).toContain('op persoonlijke titel een lezing');
      expect(main).toContain('Termijn van 3 werkdagen voorbij');
      expect(main).toContain('Gesloten (1)');
      // Nothing on the page says who asked: not the name, e-mail, account or Teams id.
      const source = await page.content();
      for (const trace of ['Mila', 'm.willems', 'mw-1', 'oidc:', 'teams-asker']) expect(source).not.toContain(trace);
      expect(await page.locator('nav a[aria-current=page]').innerText()).toBe('Vragen aan de coördinator');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `coordinator-vragen-${String(width)}`);

      await page.getByRole('link', { name: `Vraag ${code!} lezen en beantwoorden` }).click();
      await page.waitForURL(`${base}/coordinator/vragen/${code!}`);
      expect(await page.locator('.gesprek').innerText()).toContain(QUESTION);
      if (width === 1280) {
        await page.getByLabel('Een antwoord').check();
        await page.getByLabel('Je bericht aan de vraagsteller').fill(ANSWER);
        await page.getByRole('button', { name: 'Versturen' }).click();
        await page.waitForURL(/verstuurd=antwoord/);
        expect(await page.getByRole('status').first().innerText()).toContain('Je antwoord is onderweg naar de vraagsteller.');
        expect(await page.locator('.gesprek').innerText()).toContain(ANSWER);
      }
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `coordinator-vraag-${String(width)}`);
      await context.close();
    }

    // The answer is in the outbox for the asker (a web visitor: kept until their next message), sealed.
    const waiting = await running.services.store.db.selectFrom('outbox').selectAll().where('kind', '=', 'vraag_antwoord').where('sent_at', 'is', null).execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.lookup).not.toBeNull();
    expect(JSON.stringify(waiting)).not.toContain('mw-1');
    const next = await say(chat, `status ${code!}`);
    const cards = await chat.locator('.bot').allInnerTexts();
    expect(cards.join('\n')).toContain(`De integriteitscoördinator heeft je vraag ${code!} beantwoord`);
    expect(cards.join('\n')).toContain(ANSWER);
    expect(next).toContain(ANSWER);
    await shot(chat, 'webchat-antwoord-390');
    await employee.close();
  }, 120_000);
});
