import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { SAMPLE } from '../helpers/cabinet.js';
import { person, service } from '../factories/index.js';
import { makeRnokpp } from '../../src/modules/persons/identity/index.js';
import { expectAccessible, launchBrowser, signedInContext } from './browser.js';

/**
 * Issue 9, items 14, 17 and 20 in Chromium: a resident registers, confirms the e-mail from the
 * local SMTP server, applies online without a registry link (registered «особу не підтверджено»,
 * the registration e-mailed at once), a worker links the registry person, the consent appears
 * on the person's card, and the resident sees the new status with the one step left. Axe on every page.
 */
let t: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let personId = '';
const EMAIL = 'maria.onlain@example.com';
const BIRTH = '1958-11-04';
const RNOKPP = makeRnokpp(BIRTH, 'female', 321);
const SERVICE = 'Догляд удома (онлайн, тест)';

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  browser = await launchBrowser();
  await service(t, {
    name: SERVICE,
    channels: ['online', 'front_office'],
    documents: [{ name: 'Медичний висновок', kind: 'required', byOffice: false }],
  });
  personId = await person(t, {
    lastName: 'Онлайнова',
    firstName: 'Марія',
    patronymic: 'Петрівна',
    birthDate: BIRTH,
    sex: 'female',
    rnokpp: RNOKPP,
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

describe('a self-registered resident applies and the office confirms the person', () => {
  it('register → confirm e-mail → apply → e-mail about the registration → worker links the person → resident sees the status', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/resident/register`);
    expect(await page.locator('#register-identity-note').textContent()).toContain('особу не підтверджено');
    await expectAccessible(page, 'registration');
    await page.getByLabel('Ваше ім’я').fill('Марія Онлайнова');
    await page.getByLabel('Електронна пошта').fill(EMAIL);
    await page.getByLabel('Пароль', { exact: true }).fill('Kalyna-Bilya-Khaty-7');
    await page.getByLabel('Повторіть пароль').fill('Kalyna-Bilya-Khaty-7');
    await page.getByLabel(/Я погоджуюся на обробку/).check();
    await page.getByRole('button', { name: 'Зареєструватися' }).click();
    const verify = await smtp.waitForMail(EMAIL);
    await page.goto(verify.text.match(/http\S+\/resident\/verify\?token=[A-Za-z0-9_-]+/)![0]);
    expect(new URL(page.url()).pathname).toBe('/cabinet');
    expect(await page.locator('#identity-step').textContent()).toContain('Залишиться один крок');
    await expectAccessible(page, 'cabinet before any link');

    await page.locator('#identity-step').getByRole('link', { name: 'Каталог послуг' }).click();
    await page.getByRole('link', { name: SERVICE }).click();
    await page.locator('#apply-online').click();
    expect(await page.locator('#unconfirmed-note').textContent()).toContain('особу не підтверджено');
    await expectAccessible(page, 'online form without a registry link');

    await page.getByRole('button', { name: 'Перевірити заяву' }).click();
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Введіть прізвище');
    expect(summary).toContain('Введіть дату народження');
    await expectAccessible(page, 'online form with errors');

    await page.getByLabel('Прізвище').fill('Онлайнова');
    await page.getByLabel('Ім’я', { exact: true }).fill('Марія');
    await page.getByLabel('По батькові (якщо є)').fill('Петрівна');
    await page.getByLabel('День').fill('4');
    await page.getByLabel('Місяць').fill('11');
    await page.getByLabel('Рік').fill('1958');
    await page.getByLabel(/РНОКПП/).fill(RNOKPP);
    await page.getByLabel(/Номер телефону/).fill('050 765 43 21');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'висновок.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf });
    await page.getByLabel(/Я погоджуюся на обробку/).check();
    await page.getByRole('button', { name: 'Перевірити заяву' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Перевірте заяву');
    await expectAccessible(page, 'review');
    await page.getByRole('button', { name: 'Подати заяву' }).click();
    const number = (await page.locator('#registration-number').textContent())!.trim();
    expect(number).toMatch(/^СП-\d{4}-\d{6}$/);
    expect(await page.locator('#identity-step').textContent()).toContain('Залишився один крок');
    await expectAccessible(page, 'acknowledgement');

    // Item 17: the registration is e-mailed at once, though the resident never saved the profile.
    const registered = await smtp.waitForMail(EMAIL);
    expect(registered.subject).toContain(number);

    // The worker: the queue marks it, the application offers the matching registry record.
    const staff = (await signedInContext(t, browser, { username: 'worker' })).context;
    staff.setDefaultTimeout(20_000);
    const w = await staff.newPage();
    await w.goto(`${t.baseUrl}/applications`);
    const row = w.getByRole('row').filter({ hasText: number });
    expect(await row.textContent()).toContain('особу не підтверджено');
    await expectAccessible(w, 'queue with an unconfirmed person');
    await row.getByRole('link', { name: number }).click();
    expect(await w.locator('#applicant-typed').textContent()).toContain('Онлайнова Марія Петрівна');
    expect(await w.content()).not.toContain(RNOKPP);
    await expectAccessible(w, 'application with candidates');
    await w.getByLabel(/Онлайнова Марія Петрівна, 04\.11\.1958/).check();
    await w.getByRole('button', { name: 'Пов’язати заяву з особою' }).click();
    expect(await w.locator('.govuk-notification-banner, .govuk-panel').first().textContent()).toContain(
      'пов’язано з особою',
    );
    expect(await w.locator('#unconfirmed-tag').count()).toBe(0);
    await expectAccessible(w, 'application after the link');
    await w.getByRole('button', { name: 'Почати розгляд' }).click();

    // Item 20: the consent ticked online is on the person's card, channel «онлайн».
    await w.goto(`${t.baseUrl}/persons/${personId}`);
    const consents = await w.locator('#consents ~ table').first().textContent();
    expect(consents).toContain(SERVICE);
    expect(consents).toContain('Канал: онлайн');
    // Item 15: the card lists the person's applications, the linked one among them, with its status.
    const listed = w.locator('#person-applications').getByRole('row').filter({ hasText: number });
    expect(await listed.textContent()).toMatch(/на розгляді/i);
    await listed.getByRole('link', { name: number }).click();
    expect(new URL(w.url()).pathname).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    await w.goto(`${t.baseUrl}/persons/${personId}`);
    await expectAccessible(w, 'person card with the online consent');
    await staff.close();

    // The resident sees the new status, still with the one step left.
    await page.getByRole('link', { name: 'Відкрити заяву' }).click();
    expect(await page.locator('#status').textContent()).toContain('На розгляді');
    expect(await page.locator('#identity-step').textContent()).toContain('Залишився один крок');
    await expectAccessible(page, 'application in review, identity not confirmed');
    await context.close();
  }, 300_000);
});
