import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { answered, ask, launch, layoutProblems, openChat, press, seriousViolations, startOver, tabTo } from '../../helpers/webchat.js';

/**
 * The web chat on a desktop and on a phone, in light and dark mode: every button reachable and inside its
 * card, nothing under the input bar, axe-core without serious or critical findings, and a whole journey by
 * keyboard only. With GEDRAGSBOT_SCREENSHOTS=<folder> it also saves what it saw (outside the repository).
 */
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SHOTS = process.env.GEDRAGSBOT_SCREENSHOTS;

let running: RunningServer;
let browser: Browser;

beforeAll(async () => {
  running = await startServer();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
});

async function screenshot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Light and dark: layout and axe on what is on the screen now. */
async function check(page: Page, name: string, newest = true): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await layoutProblems(page, newest), `${name} (${colorScheme})`).toEqual([]);
    expect(await seriousViolations(page), `${name} (${colorScheme})`).toEqual([]);
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe.each(WIDTHS)('the web chat at $width px', (viewport) => {
  it('welcome, referral with links, and the eight-button change menu: all reachable, readable and usable', async () => {
    const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
    await openChat(page, running.base);
    await check(page, `${String(viewport.width)}-welkom`);

    await ask(page, 'Ik word gepest door een collega');
    expect(await page.locator('.bot').last().locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    // The card is taller than a phone: it shows its beginning; what lies below is scrolled to, never covered.
    await check(page, `${String(viewport.width)}-doorverwijzing`, false);

    await startOver(page);
    await press(page, 'Geschenk registreren');
    await press(page, 'Gekregen');
    await press(page, 'Vandaag');
    await ask(page, 'Boeket bloemen');
    await ask(page, '40');
    await ask(page, 'Bloemist Jansen');
    await press(page, 'Geen van deze');
    await press(page, 'Aangenomen');
    await press(page, 'Zelf gehouden');
    await press(page, 'Wijzigen');
    const menu = page.locator('.bot').nth((await page.locator('.bot').count()) - 1);
    expect(await menu.innerText()).toContain('Wat wil je wijzigen?');
    const labels = await menu.locator('.actions button').allInnerTexts();
    expect(labels).toHaveLength(9);
    expect(labels).toContain('Wat ermee gebeurd is');
    await check(page, `${String(viewport.width)}-wijzigmenu`);

    // The last of the eight fields is as usable as the first: it asks that field again.
    await press(page, 'Wat ermee gebeurd is');
    expect(await page.locator('.bot').last().innerText()).toContain('Wat is ermee gebeurd?');
    // The menu's other buttons belonged to that moment: they are now disabled.
    expect(await menu.locator('.actions button:not(:disabled)').count()).toBe(0);
    await page.close();
  }, 120_000);
});

describe('by keyboard only', () => {
  it('question → follow-up → registration → export, without a mouse', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce', acceptDownloads: true });
    const page = await context.newPage();
    await openChat(page, running.base);
    const enter = (act: () => Promise<void>) => answered(page, act);
    const type = (text: string) => enter(async () => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    });
    const choose = async (label: string) => {
      await tabTo(page, label);
      await enter(() => page.keyboard.press('Enter'));
    };
    // The input has the focus from the start.
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('text');
    await type('Mag ik deze fles champagne aannemen?');
    await choose('Meer dan €50');
    expect(await page.locator('.bot').last().innerText()).toContain('Nee, dit neem je niet aan');
    // A button that leads to a question puts the keyboard on its first answer.
    await choose('Registreer dit geschenk');
    expect(await page.evaluate<string | null | undefined>('document.activeElement?.textContent')).toBe('Vandaag');
    await enter(() => page.keyboard.press('Enter'));
    // A question without buttons to answer puts the keyboard back in the input.
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('text');
    await type('Fles champagne');
    await type('70');
    await type('Wijnhandel Jansen');
    await choose('Geen van deze');
    await choose('Opslaan');
    expect(await page.locator('.bot').last().innerText()).toContain('Opgeslagen in het geschenkenregister');
    await choose('Mijn registraties');
    await choose('Mijn gegevens downloaden');
    await tabTo(page, 'Download als CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe('mijn-gegevens-gedragsbot.csv');
    expect(csv).toContain('Code;Status;Gekregen of aangeboden;Datum;Omschrijving');
    expect(csv).toContain('Fles champagne');
    expect(csv).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
