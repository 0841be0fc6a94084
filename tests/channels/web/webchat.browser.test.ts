import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDilemmas } from '../../helpers/rulebase.js';
import { type RunningServer, startServer } from '../../helpers/server.js';

/**
 * The web chat in headless Chromium (Debian's package; .ci/run installs it):
 * ask, press a button, complete a registration — as a person would.
 */
const CHROMIUM = process.env.GEDRAGSBOT_CHROMIUM ?? '/usr/bin/chromium';
let running: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium ontbreekt op ${CHROMIUM}: apt-get install chromium, of zet GEDRAGSBOT_CHROMIUM.`);
  }
  running = await startServer();
  base = running.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
});

async function ask(page: Page, text: string): Promise<void> {
  const before = await page.locator('.bot').count();
  await page.fill('#text', text);
  await page.click('button[type=submit]');
  await page.locator('.bot').nth(before).waitFor();
}

async function press(page: Page, label: string | RegExp): Promise<void> {
  const before = await page.locator('.bot').count();
  await page.locator('.bot').last().getByRole('button', { name: label, exact: typeof label === 'string' }).click();
  await page.locator('.bot').nth(before).waitFor();
}

const lastCard = (page: Page) => page.locator('.bot').last().innerText();

describe('the web chat in headless Chromium', () => {
  it('asks a question, takes a button as the answer, and completes a gift registration', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(base);
    await ask(page, 'Mag ik deze fles champagne aannemen?');
    expect(await lastCard(page)).toContain('Wat is de geschatte waarde?');
    await press(page, 'Meer dan €50');
    expect(await lastCard(page)).toContain('Nee, dit neem je niet aan');
    await press(page, 'Registreer dit geschenk');
    expect(await lastCard(page)).toContain('Wanneer was dat?');
    await press(page, 'Vandaag');
    await ask(page, 'Fles champagne');
    // "meer dan €50" is a range, not a value: the form asks for the estimate.
    expect(await lastCard(page)).toContain('Wat is de geschatte waarde in euro?');
    await ask(page, '70');
    await ask(page, 'Wijnhandel Jansen');
    await press(page, 'Geen van deze');
    expect(await lastCard(page)).toContain('Dit komt in het geschenkenregister');
    expect(await lastCard(page)).toContain('Aangenomen of afgeslagen: Afgeslagen');
    await press(page, 'Opslaan');
    expect(await lastCard(page)).toContain('Opgeslagen in het geschenkenregister');
    await press(page, 'Mijn registraties');
    expect(await lastCard(page)).toContain('Fles champagne');
    await page.close();
  }, 60_000);

  it('the meldwijzer by buttons, with phone numbers, e-mail addresses and pages as links', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(base);
    await ask(page, 'Waar kan ik dit melden?');
    expect(await lastCard(page)).toContain('kies alleen waar het over gaat');
    await press(page, 'Een datalek');
    expect(await lastCard(page)).toContain('72 uur');
    await press(page, 'Ik wil het melden');
    const card = page.locator('.bot').last();
    expect(await card.innerText()).toContain('Privacyteam en functionaris gegevensbescherming (FG)');
    expect(await card.locator('a[href="tel:0307004321"]').innerText()).toBe('030 700 4321');
    expect(await card.locator('a[href="mailto:privacy@gemeente.example"]').innerText()).toBe('privacy@gemeente.example');
    expect(await card.locator('a[href="https://intranet.gemeente.example/privacy/datalek-melden"]').count()).toBe(1);
    // Everything else stays text: a typed link is never made clickable.
    await ask(page, '[klik](https://example.org)');
    expect(await page.locator('a[href^="https://example.org"]').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('practises every dilemma card: card, a choice by button, feedback with the rule, next', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(base);
    const deck = defaultDilemmas();
    const practised = new Set<string>();
    await ask(page, 'Geef me een dilemma');
    for (let i = 0; i < deck.cards.length; i++) {
      const card = await lastCard(page);
      const dilemma = deck.cards.find((c) => card.includes(c.titel));
      expect(dilemma, card.slice(0, 80)).toBeDefined();
      practised.add(dilemma!.id);
      const option = dilemma!.opties[i % dilemma!.opties.length]!;
      // Each option's button says what it is: "B. Ik bedank en geef het terug …".
      await press(page, new RegExp(`^${option.id.toUpperCase()}\\. `));
      const feedback = await lastCard(page);
      expect(feedback).toContain(`Je koos ${option.id.toUpperCase()}`);
      expect(feedback).toContain(dilemma!.regel);
      await press(page, i === deck.cards.length - 1 ? 'Stoppen' : 'Volgend dilemma');
    }
    expect(practised.size).toBe(deck.cards.length);
    expect(await lastCard(page)).toContain('Dank je wel voor het oefenen');
    await page.close();
  }, 120_000);
});
