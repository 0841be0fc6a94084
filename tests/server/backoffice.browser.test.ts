import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageCount } from '../../src/core/usage.js';
import { ask, lastCard, launch } from '../helpers/webchat.js';
import { person, signIn } from '../helpers/signed-in-browser.js';
import { type RunningProvider, signInOnLoopback, type TestAccount } from '../helpers/oidc.js';
import { type RunningServer, startServer } from '../helpers/server.js';

/**
 * The back office in headless Chromium, signed in through the OpenID Connect provider on loopback:
 * the HR dashboard with its charts drawn, the coordinator's workspace, a decision recorded and seen by
 * the employee in the web chat and (as a stored notice) in Slack, 403 without the role, and the sign-in
 * for an anonymous visitor. Screenshots at 1280 and 390 px go to test-results/ (not committed).
 */
const SHOTS = new URL('../../test-results/', import.meta.url);
const ACCOUNTS: TestAccount[] = [
  { sub: 'hr-1', name: 'Hanna Roos', email: 'h.roos@gemeente.example', groups: ['grp-hr'] },
  { sub: 'coord-1', name: 'Cor de Boer', email: 'c.deboer@gemeente.example', groups: ['grp-integriteit'] },
  { sub: 'mw-1', name: 'Mila Willems', email: 'm.willems@gemeente.example', groups: [] },
];
let provider: RunningProvider;
let running: RunningServer;
let browser: Browser;
let base: string;

/** Two years of counts with small numbers, so the charts have something to draw and cells are hidden. */
function history(): UsageCount[] {
  const themes = ['geschenk', 'uitnodiging', 'nevenwerkzaamheden', 'informatie', 'ongewenst_gedrag', 'vertrouwenspersoon'];
  const out: UsageCount[] = [];
  let s = 11;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let month = 4; month <= 23; month++) {
    const year = month <= 12 ? 2025 : 2026;
    const at = new Date(`${String(year)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-12T09:00:00Z`);
    for (const intent of themes) {
      const n = next() < 0.3 ? Math.floor(next() * 5) : 5 + Math.floor(next() * 40);
      for (let i = 0; i < n; i++) out.push({ event: 'vraag', intent, verdict: 'toegestaan', channel: 'teams', at });
      if (intent === 'ongewenst_gedrag') for (let i = 0; i < n; i++) out.push({ event: 'doorverwijzing', intent, verdict: 'doorverwijzen', channel: 'teams', at });
    }
    for (let i = 0; i < 3 + Math.floor(next() * 20); i++) out.push({ event: 'dilemma', intent: 'dilemma', verdict: 'skybox-voetbal:a', channel: 'web', at });
    for (let i = 0; i < 5 + Math.floor(next() * 30); i++) out.push({ event: 'poll', intent: 'dilemma', verdict: 'skybox-voetbal:b', channel: 'slack', at });
    const put = Math.floor(next() * 12);
    const question = (event: UsageCount['event'], verdict: string) => ({ event, intent: 'vraag_voorleggen', verdict, channel: 'web' as const, at });
    for (let i = 0; i < put; i++) out.push(question('vraag_voorgelegd', 'open'));
    for (let i = 0; i < put - 1; i++) out.push(question('vraag_beantwoord', ['0', '1', '2', '6-10'][i % 4]!));
    for (let i = 0; i < put - 2; i++) out.push(question('vraag_gesloten', 'beantwoord'));
  }
  return out;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const setup = await signInOnLoopback(ACCOUNTS, { hr: ['grp-hr'], coordinator: ['grp-integriteit'], wio: [] });
  const { port, oidc } = setup;
  ({ base, provider } = setup);
  running = await startServer({ port, oidc, now: () => new Date('2026-11-25T10:00:00Z') });
  await running.services.usage.record(history());
  const gift = { direction: 'ontvangen' as const, giverRelation: 'leverancier' as const, accepted: true };
  await running.services.registers.saveGift('slack:U0SLACK1', { ...gift, date: '2026-11-20', description: 'Designerlamp', valueEuros: 140, giverOrg: 'Installatiebedrijf Vonk', outcome: 'gehouden' }, 'niet_toegestaan');
  await running.services.registers.saveGift('oidc:mw-1', { ...gift, date: '2026-11-18', description: 'Kerstpakket', valueEuros: 35, giverOrg: 'Drukkerij Smit', outcome: 'gedeeld' }, 'toegestaan_melden');
  await running.services.registers.saveSideJob('oidc:mw-1', { kind: 'nevenwerk', organisation: 'Stichting Buurthuis', role: 'Voorzitter bestuur', paid: false, hoursPerWeek: 2, startDate: '2024-01-01', endDate: null, relations: ['subsidie'], publish: true });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
  await provider.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });

describe('the back office in headless Chromium', () => {
  it('HR: the dashboard draws its charts from the tables, at 1280 and 390 px; the tab key reaches the skip link first', async () => {
    for (const width of [1280, 390]) {
      const context = await person(browser, width);
      const page = await context.newPage();
      await signIn(page, base, '/hr', 'hr-1');
      await expect.poll(() => page.title()).toContain('Integriteit in 2026');
      // Every chart exists as a Chart.js instance with pixels on its canvas.
      // (Browser code as text: the tests are compiled without the DOM's types.)
      // Polled with evaluate: waitForFunction runs its text inside the page, which the CSP forbids once it polls.
      await expect.poll(() => page.evaluate<boolean>(`document.querySelectorAll('canvas').length > 0
        && [...document.querySelectorAll('canvas')].every((c) => window.Chart.getChart(c))`)).toBe(true);
      const drawn = await page.evaluate<number[]>(`[...document.querySelectorAll('canvas')].map((c) => {
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
        return ink;
      })`);
      expect(drawn.length).toBe(6);
      for (const ink of drawn) expect(ink).toBeGreaterThan(500);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Vragen per thema per maand, 2026');
      expect(text).toContain('Vragen aan de integriteitscoördinator per maand, 2026');
      expect(text).toMatch(/Mediane tijd tot een eerste antwoord: (dezelfde werkdag|\d werkdag(en)?)\./);
      expect(text).not.toMatch(/\b(ongewenst_gedrag|misstand_melden|toegestaan_melden|privegebruik)\b/);
      await shot(page, `hr-dashboard-${String(width)}`);
      await page.locator('section[aria-labelledby=kop-voorgelegd]').screenshot({ path: new URL(`hr-voorgelegd-${String(width)}.png`, SHOTS).pathname });
      await page.locator('.tegels').screenshot({ path: new URL(`hr-tegels-${String(width)}.png`, SHOTS).pathname });
      // Nothing sticks out sideways at 390 px except inside the scrollable tables.
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<{ text: string; left: number; outline: string }>(`({
        text: document.activeElement.textContent,
        left: document.activeElement.getBoundingClientRect().left,
        outline: getComputedStyle(document.activeElement).outlineStyle,
      })`);
      expect(focused.outline).toBe('solid');
      expect(focused.text).toBe('Naar de inhoud');
      expect(focused.left).toBeGreaterThanOrEqual(0);
      await page.goto(`${base}/hr/rapport`);
      await shot(page, `hr-rapport-${String(width)}`);
      await context.close();
    }
  }, 90_000);

  it('the tables work without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    await signIn(page, base, '/hr', 'hr-1');
    expect(await page.locator('table.cijfers').count()).toBe(6);
    expect(await page.locator('table.cijfers >> nth=0 >> tbody tr').count()).toBeGreaterThan(3);
    await context.close();
  }, 60_000);

  it('coordinator: filters, records "niet akkoord — inleveren"; the employee sees it in the chat; 403 and sign-in for others', async () => {
    for (const width of [1280, 390]) {
      const context = await person(browser, width);
      const page = await context.newPage();
      await signIn(page, base, '/coordinator', 'coord-1');
      await page.selectOption('#status', 'alle');
      await page.check('#signaal');
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/signaal=gehouden/);
      const rows = page.locator('table.lijst tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain('Designerlamp');
      expect(await rows.first().innerText()).toContain('Slack-gebruiker U0SLACK1');
      await shot(page, `coordinator-lijst-${String(width)}`);
      if (width === 1280) {
        await rows.first().getByRole('link').click();
        await page.getByLabel('niet akkoord').check();
        await page.getByLabel('inleveren').check();
        await page.getByLabel(/Waar is het geschenk gebleven/).fill('Ingeleverd bij de receptie');
        await page.getByLabel(/Bericht aan de medewerker/).fill('Dit geschenk is te duur om te houden. Lever het in bij de receptie.');
        await page.getByRole('button', { name: 'Beslissing opslaan' }).click();
        await page.waitForURL(/opgeslagen=1/);
        expect(await page.getByRole('status').first().innerText()).toContain('De beslissing is opgeslagen');
        expect(await page.locator('table.lijst').innerText()).toContain('beslissing: niet akkoord; maatregel: inleveren');
      } else {
        await rows.first().getByRole('link').click();
      }
      await shot(page, `coordinator-registratie-${String(width)}`);
      await page.goto(`${base}/coordinator/nevenwerk`);
      expect(await page.locator('main').innerText()).toContain('Voorzitter bestuur');
      await shot(page, `coordinator-nevenwerk-${String(width)}`);
      await context.close();
    }
    // The Slack employee's notice waits in the store for the reminder of issue 12, and shows in "mijn registraties".
    const slack = await running.server.bot.reply('slack:U0SLACK1', 'mijn registraties', { channel: 'slack', user: 'slack:U0SLACK1' });
    expect(slack.text).toContain('niet akkoord — inleveren');
    expect(slack.text).toContain('Lever het in bij de receptie.');
  }, 120_000);

  it('the employee sees a decision in the web chat; no role: 403; anonymous: the sign-in', async () => {
    const coordinator = await person(browser, 1280);
    const cpage = await coordinator.newPage();
    await signIn(cpage, base, '/coordinator?status=alle&soort=geschenk', 'coord-1');
    await cpage.getByRole('link', { name: /^G-/ }).and(cpage.locator('xpath=//tr[contains(., "Kerstpakket")]//a')).click();
    await cpage.getByLabel('akkoord', { exact: true }).check();
    await cpage.getByLabel(/Bericht aan de medewerker/).fill('Prima zo, dank voor het delen met je team.');
    await cpage.getByRole('button', { name: 'Beslissing opslaan' }).click();
    await cpage.waitForURL(/opgeslagen=1/);
    await coordinator.close();

    const employee = await person(browser, 390);
    const page = await employee.newPage();
    await signIn(page, base, '/', 'mw-1');
    // The welcome comes first; the answer is the card after it.
    await page.locator('.bot').first().waitFor();
    await ask(page, 'mijn registraties');
    const answer = await lastCard(page);
    expect(answer).toContain('De integriteitscoördinator heeft besloten over je registratie');
    expect(answer).toContain('akkoord. Prima zo, dank voor het delen met je team.');
    await shot(page, 'webchat-medewerker-390');
    const refused = await page.goto(`${base}/hr`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('Geen toegang');
    await shot(page, 'geweigerd-390');
    await employee.close();

    const anonymous = await person(browser, 1280);
    const apage = await anonymous.newPage();
    await apage.goto(`${base}/coordinator`);
    expect(apage.url()).toContain(`${provider.issuer}/interaction/`);
    expect(await apage.locator('input[name=login]').count()).toBe(1);
    await anonymous.close();
  }, 90_000);
});
