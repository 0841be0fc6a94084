import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Driving the web chat in Debian's Chromium as a person would: open it, type, press buttons, and measure
 * what is on the screen. One browser per test file; pages are cheap.
 */
const CHROMIUM = process.env.GEDRAGSBOT_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium ontbreekt op ${CHROMIUM}: apt-get install chromium, of zet GEDRAGSBOT_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const cards = (page: Page) => page.locator('.bot');

/** The chat opened and its welcome shown. */
export async function openChat(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await cards(page).first().waitFor();
}

/** Waits until the bot has answered whatever `act` did. */
export async function answered(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await cards(page).count();
  await act();
  await cards(page).nth(before).waitFor();
  await page.locator('.typing').waitFor({ state: 'detached' });
}

/** "Nieuw gesprek": the screen is emptied and the welcome comes again. */
export async function startOver(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Nieuw gesprek' }).click();
  // Polled with evaluate (the DevTools protocol): waitForFunction evaluates its text inside the page, where the
  // chat's Content-Security-Policy forbids it as soon as it has to poll.
  await expect.poll(() => page.evaluate<boolean>('document.querySelectorAll("#log .bot").length === 1 && !document.querySelector(".typing")')).toBe(true);
}

export async function ask(page: Page, text: string): Promise<void> {
  await answered(page, async () => {
    await page.fill('#text', text);
    await page.click('button[type=submit]');
  });
}

export async function press(page: Page, label: string | RegExp): Promise<void> {
  await answered(page, async () => {
    await cards(page).last().getByRole('button', { name: label, exact: typeof label === 'string' }).click();
  });
}

export const lastCard = (page: Page) => cards(page).last().innerText();

/** Tab (or Shift+Tab) until the focused element's text starts with `label`, as a keyboard user would. */
export async function tabTo(page: Page, label: string, backwards = true): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const focused = await page.evaluate<string>('document.activeElement?.textContent?.trim() ?? ""');
    if (focused.startsWith(label)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`"${label}" is met de toetsenbord niet te bereiken`);
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PROBES = readFileSync(new URL('./browser/probes.js', import.meta.url), 'utf8');

/** Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block them. */
async function withProbes(page: Page): Promise<void> {
  if (!(await page.evaluate<boolean>('Boolean(window.gedragsbotProbes && window.axe)'))) {
    await page.evaluate(AXE);
    await page.evaluate(PROBES);
  }
}

/** axe-core's serious and critical findings on the page as it is now ("rule: selector"). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await withProbes(page);
  return page.evaluate<string[]>('window.gedragsbotProbes.seriousViolations()');
}

/** What a person could not reach or read (see browser/probes.js). */
export async function layoutProblems(page: Page, newest = true): Promise<string[]> {
  await withProbes(page);
  return page.evaluate<string[]>(`window.gedragsbotProbes.layoutProblems(${String(newest)})`);
}
