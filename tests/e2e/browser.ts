import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createSession } from '../helpers/session.js';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // A container's /dev/shm may be 64 MB: shared memory there can run out and take the browser down with it.
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Runs axe with the WCAG 2.x A/AA rules (incl. 2.2) on the current page; fails on any violation.
 *
 * Legacy mode runs `axe.run` in the page itself. The default mode runs the rules per frame and then opens a
 * blank page of its own to put the results together: that tripled the time of each check (about 3 s
 * instead of 1 s on a loaded 2-core machine) and checks nothing more on pages without cross-origin frames,
 * which Turbota's pages never have (both modes gave the same violations, passes and incomplete results
 * on the queue, staff home, audit and a page built to fail).
 */
export async function expectAccessible(page: Page, label = page.url()) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .setLegacyMode(true)
    .analyze();
  const problems = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(problems, `axe on ${label}`).toEqual([]);
}

/** A browser context signed in as a demo user (a real session row, MFA passed). */
export async function signedInContext(
  t: TestApp,
  browser: Browser,
  who: { username?: string; email?: string },
  opts: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; token: string }> {
  const { token } = await createSession(t, who);
  const context = await browser.newContext(opts);
  await context.addCookies([{ name: t.services.sessions.cookieName, value: token, url: t.baseUrl }]);
  return { context, token };
}

/**
 * A journey file's app and browser, started before its first test and closed after the last.
 * Call it at the top of the file; `t` and `browser` are set before the first test runs. `jobs` starts the
 * background jobs' workers (for journeys that wait on one, e.g. a report).
 */
export function useAppAndBrowser(opts: { jobs?: boolean } = {}) {
  const f = { t: undefined as unknown as TestApp, browser: undefined as unknown as Browser };
  beforeAll(async () => {
    f.t = await startTestApp(opts);
    f.browser = await launchBrowser();
  });
  afterAll(async () => {
    await f.browser?.close();
    await f.t?.close();
  });
  return f;
}
