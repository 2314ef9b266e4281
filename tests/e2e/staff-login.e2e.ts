import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, currentStep, freshTotpCode, totpCode } from '../helpers/login.js';
import { expectAccessible, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('staff login in Chromium', () => {
  it('a new staff member signs in, enrols TOTP, sees recovery codes and reaches the workspace; later signs in with a code', async () => {
    const { userId } = await createStaffUser(t, 'e2e-newbie');
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto(t.baseUrl + '/login');
    await expectAccessible(page, 'login');
    await page.getByRole('button', { name: 'Увійти' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain("Введіть ім'я користувача");
    await expectAccessible(page, 'login with errors');

    await page.getByLabel("Ім'я користувача").fill('e2e-newbie');
    await page.getByLabel('Пароль').fill(TEST_CREDS.password);
    await page.getByRole('button', { name: 'Увійти' }).click();
    await page.waitForURL('**/login/totp/enrol');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('двофакторну автентифікацію');
    expect(await page.getByRole('img', { name: /QR-код/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'enrolment');

    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Код підтвердження').fill(totpCode(secret, currentStep()));
    await page.getByRole('button', { name: 'Увімкнути та увійти' }).click();
    await page.getByRole('heading', { name: 'Ваші резервні коди' }).waitFor();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await expectAccessible(page, 'recovery codes');

    await page.getByRole('button', { name: 'Продовжити' }).click();
    await page.waitForURL('**/staff');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Тест e2e-newbie');
    await expectAccessible(page, 'staff home');

    await page.getByRole('link', { name: 'Обліковий запис' }).first().click();
    await page.waitForURL('**/account');
    await expectAccessible(page, 'account');

    await page.getByRole('button', { name: 'Вийти' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.getByText('Ви вийшли з системи.').isVisible()).toBe(true);
    await expectAccessible(page, 'home after logout');

    await page.goto(t.baseUrl + '/login');
    await page.getByLabel("Ім'я користувача").fill('e2e-newbie');
    await page.getByLabel('Пароль').fill(TEST_CREDS.password);
    await page.getByRole('button', { name: 'Увійти' }).click();
    await page.waitForURL('**/login/totp');
    await expectAccessible(page, 'TOTP step');
    await page.getByLabel('Код підтвердження').fill('000000');
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Код неправильний');
    await expectAccessible(page, 'TOTP step with error');
    await page.getByLabel('Код підтвердження').fill(await freshTotpCode(t, userId, secret));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL('**/staff');
    await context.close();
  });

  it('works without JavaScript up to the enrolment page', async () => {
    await createStaffUser(t, 'e2e-nojs');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/login');
    await page.getByLabel("Ім'я користувача").fill('e2e-nojs');
    await page.getByLabel('Пароль').fill(TEST_CREDS.password);
    await page.getByRole('button', { name: 'Увійти' }).click();
    await page.waitForURL('**/login/totp/enrol');
    expect(await page.locator('#totp-secret').textContent()).toMatch(/[A-Z2-7]{4}/);
    await context.close();
  });
});
