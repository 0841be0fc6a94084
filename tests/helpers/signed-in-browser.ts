import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * People in the back office's browser tests: each with their own cookies, at a given width, and nothing
 * leaving loopback (the provider's page asks for a web font).
 */
export async function person(browser: Browser, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

/** Opens `path` of the app at `base`, signs in at the loopback provider as `sub`, and waits to be back. */
export async function signIn(page: Page, base: string, path: string, sub: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.fill('input[name=login]', sub);
  await page.fill('input[name=password]', 'wat-dan-ook');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => url.origin === base);
}
