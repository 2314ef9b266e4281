import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { expectAccessible, launchBrowser } from './browser.js';

let t: TestApp;
let op: TestOidcProvider;
let browser: Browser;
beforeAll(async () => {
  op = await startOidcProvider();
  t = await startTestApp({
    env: {
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_NAME: 'ID.GOV.UA',
    },
  });
  await op.useRedirectUri(`${t.baseUrl}/resident/oidc/callback`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await op?.close();
});

describe('a resident signs in through the OpenID provider in Chromium', () => {
  it('goes from the login page through the provider into the cabinet (axe on Turbota pages)', async () => {
    op.mode = 'allow';
    op.account = {
      sub: 'browser-person',
      email: 'browser.person@example.com',
      email_verified: true,
      name: 'Богдан Браузерний',
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/resident/login');
    await expectAccessible(page, 'resident login with OIDC');
    await page.getByRole('button', { name: 'Увійти через ID.GOV.UA' }).click();
    await page.waitForURL(`${t.baseUrl}/cabinet`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Вітаємо, Богдан Браузерний');
    expect(await page.locator('main').textContent()).toContain('ID.GOV.UA');
    await expectAccessible(page, 'cabinet after OIDC');
    await context.close();
  });

  it('shows an accessible Ukrainian error page when the person refuses', async () => {
    op.mode = 'deny';
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/resident/login');
    await page.getByRole('button', { name: 'Увійти через ID.GOV.UA' }).click();
    await page.waitForURL((u) => u.pathname === '/resident/oidc/callback');
    op.mode = 'allow';
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Не вдалося увійти');
    await expectAccessible(page, 'OIDC refused');
    await context.close();
  });
});
