import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';
import { person, service } from '../factories/index.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

const signedIn = (username: string) => signedInContext(t, browser, { username });

describe('applications in Chromium', () => {
  it('the front office registers a walk-in application; a manager refuses it with a reason', async () => {
    const front = await signedIn('frontdesk');
    await person(t, {
      by: 'frontdesk',
      lastName: 'Гончаренко',
      firstName: 'Ганна',
      birthDate: '1944-03-08',
      sex: 'female',
    });
    await service(t, { name: 'Догляд вдома (e2e)', channels: ['front_office'] });

    const page = await front.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/staff');
    await page.getByRole('link', { name: 'Черга заяв' }).click();
    await expectAccessible(page, 'queue');
    await page.getByRole('link', { name: 'Зареєструвати заяву' }).click();
    await page.getByRole('button', { name: 'Знайти' }).click();
    await expectAccessible(page, 'intake with an error');
    await page.getByLabel('Знайдіть заявника в реєстрі').fill('Гончаренко Ганна');
    await page.getByRole('button', { name: 'Знайти' }).click();
    await expectAccessible(page, 'intake: persons found');
    await page.getByRole('link', { name: /Обрати.*Гончаренко/ }).click();
    await expectAccessible(page, 'intake: choose the service');
    await page.getByLabel('Догляд вдома (e2e)').check();
    await page.getByRole('button', { name: 'Зареєструвати заяву' }).click();
    await expect.poll(() => page.url()).toMatch(/\/receipt$/);
    await expectAccessible(page, 'receipt');
    const number = await page.locator('#registration-number').innerText();
    expect(number).toMatch(/^СП-\d{4}-\d{6}$/);
    const id = /\/applications\/([0-9a-f-]{36})\/receipt/.exec(page.url())![1];

    const manager = await signedIn('manager');
    const m = await manager.context.newPage();
    m.setDefaultTimeout(10_000);
    await m.goto(`${t.baseUrl}/applications/${id}`);
    await expectAccessible(m, 'application (registered)');
    await m.getByRole('button', { name: 'Почати розгляд' }).click();
    await m.getByRole('link', { name: 'Відмовити' }).click();
    await m.getByRole('button', { name: 'Так, відмовити' }).click();
    await expect.poll(() => m.getByText('Вкажіть підставу відмови').first().isVisible()).toBe(true);
    await expectAccessible(m, 'refusal without a reason');
    await m.getByLabel('Підстава відмови').fill('ч. 1 ст. 24 Закону «Про соціальні послуги»');
    await m.getByRole('button', { name: 'Так, відмовити' }).click();
    await expect.poll(() => m.locator('#status').innerText()).toBe('Відмовлено');
    await expectAccessible(m, 'application (refused) with its timeline');
    await front.context.close();
    await manager.context.close();
  });
});
