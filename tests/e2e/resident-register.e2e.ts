import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { expectAccessible, launchBrowser } from './browser.js';

let t: TestApp;
let smtp: TestSmtp;
let browser: Browser;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

describe('a resident registers in Chromium', () => {
  it('registers, confirms the address from the e-mail and lands in the cabinet (axe on every page)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/');
    await page.getByRole('link', { name: 'Вхід для мешканців' }).first().click();
    expect(page.url()).toBe(t.baseUrl + '/resident/login');
    await expectAccessible(page, 'resident login');

    await page.getByRole('link', { name: 'Зареєструйтеся' }).click();
    await expectAccessible(page, 'registration');

    await page.getByRole('button', { name: 'Зареєструватися' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Введіть своє ім’я');
    expect(await page.title()).toMatch(/^Помилка: /);
    await expectAccessible(page, 'registration with errors');

    await page.getByLabel('Ваше ім’я').fill('Ганна Іваненко');
    await page.getByLabel('Електронна пошта').fill('hanna.ivanenko@example.com');
    await page.getByLabel('Пароль', { exact: true }).fill('Soniashnyk-u-Poli-9');
    await page.getByLabel('Повторіть пароль').fill('Soniashnyk-u-Poli-9');
    await page.getByLabel(/Я погоджуюся на обробку/).check();
    await page.getByRole('button', { name: 'Зареєструватися' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Перевірте електронну пошту');
    await expectAccessible(page, 'check your e-mail');

    const mail = await smtp.waitForMail('hanna.ivanenko@example.com');
    const link = mail.text.match(/http\S+\/resident\/verify\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    expect(new URL(page.url()).pathname).toBe('/cabinet');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Вітаємо, Ганна Іваненко');
    await expectAccessible(page, 'cabinet');

    await page.getByRole('link', { name: /Змінити/ }).click(); // the profile form is on its own page
    await page.getByLabel('Ім’я', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Зберегти' }).click();
    await expectAccessible(page, 'cabinet with errors');
    await page.getByLabel('Ім’я', { exact: true }).fill('Ганна Коваленко');
    await page.getByLabel('English').check();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Welcome, Ганна Коваленко');
    await expectAccessible(page, 'cabinet in English after saving');

    await page.goto(link!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('The link does not work');
    await expectAccessible(page, 'used verification link');
    await context.close();
  });

  // axe needs JavaScript in the page; the same pages without JavaScript are covered over plain HTTP in the integration tests.
  it('resets a forgotten password from the e-mail link and signs in (axe on every page)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/resident/login');
    await page.getByRole('link', { name: 'Забули пароль?' }).click();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Електронна пошта').fill('resident@example.com');
    await page.getByRole('button', { name: 'Надіслати посилання' }).click();
    await expectAccessible(page, 'reset link sent');
    const mail = await smtp.waitForMail('resident@example.com');
    const link = mail.text.match(/http\S+\/resident\/password\/reset\?token=[A-Za-z0-9_-]+/)?.[0];
    await page.goto(link!);
    await expectAccessible(page, 'new password');
    await page.getByLabel('Новий пароль', { exact: true }).fill('Tysha-Nad-Stavom-5');
    await page.getByLabel('Повторіть новий пароль').fill('Tysha-Nad-Stavom-5');
    await page.getByRole('button', { name: 'Зберегти пароль' }).click();
    expect(page.url()).toContain('/resident/login');
    await expectAccessible(page, 'login after reset');
    await page.getByLabel('Електронна пошта').fill('resident@example.com');
    await page.getByLabel('Пароль', { exact: true }).fill('Tysha-Nad-Stavom-5');
    await page.getByRole('button', { name: 'Увійти' }).click();
    expect(new URL(page.url()).pathname).toBe('/cabinet');
    await context.close();
  });
});
