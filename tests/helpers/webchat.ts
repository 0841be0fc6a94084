import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

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
  await page.waitForFunction(() => document.querySelectorAll('#log .bot').length === 1 && !document.querySelector('.typing'));
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
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused.startsWith(label)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`"${label}" is met de toetsenbord niet te bereiken`);
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now ("id: selector"). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * What a person could not reach or read: a button or link outside its card or cut off, the conversation
 * running under the input bar, a visible button covered by something else, or (with `newest`) a button of
 * the newest card not in view above the bar.
 */
export async function layoutProblems(page: Page, newest = true): Promise<string[]> {
  return page.evaluate((checkNewest) => {
    const problems: string[] = [];
    const bar = document.getElementById('ask')!.getBoundingClientRect();
    const log = document.getElementById('log')!.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    if (log.bottom > bar.top + 0.5) problems.push('het gesprek loopt onder de invoerbalk');
    if (document.documentElement.scrollWidth > width + 0.5) problems.push('de pagina is breder dan het scherm');
    const all = [...document.querySelectorAll<HTMLElement>('.bot')];
    for (const card of all) {
      const box = card.getBoundingClientRect();
      if (box.right > width + 0.5) problems.push(`kaart breder dan het scherm: ${card.innerText.slice(0, 30)}`);
      for (const control of card.querySelectorAll<HTMLElement>('button, a')) {
        const r = control.getBoundingClientRect();
        const name = control.innerText.trim();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          problems.push(`buiten de kaart: ${name}`);
        }
        if (control.scrollWidth > control.clientWidth + 1) problems.push(`afgekapt: ${name}`);
        // A link that wraps is two boxes; its first line is where a person taps.
        const first = control.getClientRects()[0] ?? r;
        const x = first.left + first.width / 2;
        const y = first.top + first.height / 2;
        // Scrolled out of the conversation's view is fine; in view, nothing may lie on top of it.
        if (y > log.top && y < log.bottom) {
          const top = document.elementFromPoint(x, y);
          if (!top || !(control === top || control.contains(top))) problems.push(`bedekt: ${name}`);
        }
      }
    }
    const last = all.at(-1);
    if (checkNewest && last) {
      for (const button of last.querySelectorAll<HTMLElement>('.actions button')) {
        const r = button.getBoundingClientRect();
        if (r.top < log.top - 0.5 || r.bottom > bar.top + 0.5) problems.push(`niet in beeld boven de invoerbalk: ${button.innerText.trim()}`);
      }
    }
    return problems;
  }, newest);
}
