import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { edrpouCheckDigit } from '../../src/modules/providers/edrpou.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('the provider registry in Chromium', () => {
  it('a manager adds an NGO with its ЄДРПОУ, is told about a wrong check digit, and records a service it delivers at home', async () => {
    const code = `2614731${edrpouCheckDigit('2614731')}`;
    const wrong = `2614731${(edrpouCheckDigit('2614731') + 1) % 10}`;
    const { context } = await signedInContext(t, browser, { username: 'manager' });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Реєстр надавачів соціальних послуг' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Надавачі соціальних послуг');
    await expectAccessible(p, 'provider registry');
    await p.getByRole('link', { name: 'Додати надавача' }).click();
    await expectAccessible(p, 'new provider form');
    await p.locator('#name').fill('ГО «Тепло поруч»');
    await p.getByLabel('Громадська організація').check();
    await p.locator('#code').fill(wrong);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('не збігається контрольна цифра');
    await expectAccessible(p, 'new provider form with an error');
    await p.locator('#code').fill(code);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toContain('ГО «Тепло поруч»');
    await expectAccessible(p, 'provider page');
    await p.locator('#serviceId').selectOption({ index: 1 });
    await p.locator('input[name="settings"][value="home"]').check();
    await p.getByRole('button', { name: 'Додати послугу' }).click();
    await expect.poll(() => p.locator('#provider-services').count()).toBe(1);
    await expectAccessible(p, 'provider page with a service');
    await context.close();
  });
});
