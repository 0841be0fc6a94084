import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDilemmas } from '../../helpers/rulebase.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { ask, launch, lastCard, openChat, press, startOver } from '../../helpers/webchat.js';

/**
 * The web chat in headless Chromium (Debian's package; .ci/run installs it):
 * ask, press a button, complete a registration — as a person would.
 */
let running: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  running = await startServer();
  base = running.base;
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
});

describe('the web chat in headless Chromium', () => {
  it('asks a question, takes a button as the answer, and completes a gift registration', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await openChat(page, base);
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
    await openChat(page, base);
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
    await openChat(page, base);
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

  it('welcomes with the menu and the privacy line; "Wat bewaren we?" gives the installation\'s own numbers', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await openChat(page, base);
    const welcome = await lastCard(page);
    expect(welcome).toContain('Ik bewaar je berichten niet');
    for (const label of ['Geef me een dilemma', 'Geschenk registreren', 'Mijn registraties', 'Wat bewaren we?']) {
      expect(await page.locator('.bot').last().getByRole('button', { name: label }).count(), label).toBe(1);
    }
    await press(page, 'Wat bewaren we?');
    const privacy = await lastCard(page);
    // startServer keeps the topic 1 minute; retention and cookie are the defaults.
    expect(privacy).toContain('1 minuut');
    expect(privacy).toContain('5 jaar');
    expect(privacy).toContain('na 30 dagen');
    expect(privacy).toContain('Je berichten bewaren we niet');
    // A pressed button shows its own words as what you chose, never a code.
    expect(await page.locator('.me').last().textContent()).toBe('Jij: Wat bewaren we?');
    await press(page, 'Nog een vraag');
    expect(await page.locator('.me').last().textContent()).toBe('Jij: Nog een vraag');
    await page.close();
  }, 60_000);

  it('an earlier question\'s buttons are disabled once answered; phone numbers, e-mail and intranet are links', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await openChat(page, base);
    await ask(page, 'Mag ik deze fles champagne aannemen?');
    const question = page.locator('.bot').nth(1);
    await ask(page, 'ongeveer 30 euro');
    expect(await question.getByRole('button', { name: '€50 of minder' }).isDisabled()).toBe(true);
    await ask(page, 'ik word gepest door een collega');
    const referral = page.locator('.bot').last();
    expect(await referral.locator('a[href="tel:0307001234"]').innerText()).toBe('030 700 1234');
    expect(await referral.locator('a[href="mailto:vertrouwenspersoon@gemeente.example"]').count()).toBe(1);
    expect(await referral.locator('a[href="https://intranet.gemeente.example/integriteit/vertrouwenspersonen"]').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('a reload shows the same conversation and goes on; a new tab or "Nieuw gesprek" is truly new', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await openChat(page, base);
    await ask(page, 'Mag ik deze fles champagne aannemen?');
    await page.reload();
    await page.locator('.bot').nth(1).waitFor();
    expect(await page.locator('.bot').count()).toBe(2);
    expect(await page.locator('.me').innerText()).toContain('Mag ik deze fles champagne aannemen?');
    // The server still knows the topic: the value answers the question from before the reload.
    await press(page, 'Meer dan €50');
    expect(await lastCard(page)).toContain('Nee, dit neem je niet aan');
    await page.reload();
    await page.locator('.bot').nth(2).waitFor();
    expect(await page.locator('.bot').nth(1).getByRole('button', { name: /Meer dan €50/ }).isDisabled()).toBe(true);

    // Another tab has no transcript: it starts anew, and the server forgot the topic too.
    await ask(page, 'Mag ik een taart van een leverancier aannemen?');
    const other = await context.newPage();
    await openChat(other, base);
    expect(await other.locator('.bot').count()).toBe(1);
    await ask(other, 'ongeveer 30 euro');
    expect(await lastCard(other)).not.toContain('mag je');

    await ask(other, 'Mag ik deze fles champagne aannemen?');
    await startOver(other);
    expect(await other.locator('.me').count()).toBe(0);
    await ask(other, 'ongeveer 70 euro');
    expect(await lastCard(other)).not.toContain('Nee, dit neem je niet aan');
    await context.close();
  }, 60_000);
});
