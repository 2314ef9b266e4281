import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

async function signedIn(username: string): Promise<BrowserContext> {
  return (await signedInContext(t, browser, { username })).context;
}

describe('service catalogue in Chromium', () => {
  it('a resident finds a service through a life situation and opens its card, without logging in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/');
    await page.getByRole('link', { name: 'Життєві ситуації' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Життєві ситуації');
    await expectAccessible(page, 'life situations');

    await page.getByRole('link', { name: 'Народження дитини' }).click();
    expect(await page.locator('#instruction li').count()).toBe(4);
    await expectAccessible(page, 'life situation');

    await page.getByRole('link', { name: 'Раннє втручання' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Раннє втручання');
    expect(await page.locator('#deadline').textContent()).toContain('10 робочих днів');
    expect(await page.getByRole('heading', { name: 'Що ми отримаємо самі' }).count()).toBe(1);
    await expectAccessible(page, 'service card');

    await page.getByRole('link', { name: 'До всіх послуг' }).click();
    await page.getByLabel('Хто я').selectOption({ label: 'Ветеран, учасник бойових дій' });
    await page.getByLabel('Лише безоплатні послуги').check();
    await page.getByRole('button', { name: 'Знайти' }).click();
    expect(await page.getByRole('link', { name: 'Соціальна реабілітація' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Догляд вдома' }).count()).toBe(0);
    await expectAccessible(page, 'filtered services');

    await page.getByLabel('Що шукаєте').fill('абракадабра');
    await page.getByRole('button', { name: 'Знайти' }).click();
    expect(await page.getByText('За вашим запитом послуг не знайдено').count()).toBe(1);
    await expectAccessible(page, 'empty search');
    await context.close();
  });

  it('search and filters work without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/services');
    await page.getByLabel('Що сталося').selectOption({ label: 'Інвалідність' });
    await page.getByRole('button', { name: 'Знайти' }).click();
    expect(page.url()).toContain('situation=invalidnist');
    expect(await page.getByRole('heading', { level: 2, name: /Знайдено 7 послуг/ }).count()).toBe(1);
    await context.close();
  });

  it('an administrator edits a service card and sees the history of changes', async () => {
    const context = await signedIn('admin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/staff');
    await page.getByRole('link', { name: 'Каталог послуг (редагування)' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Каталог послуг');
    await expectAccessible(page, 'admin catalogue list');

    await page.getByRole('link', { name: 'Денний догляд', exact: true }).click();
    await expectAccessible(page, 'service form');
    await page.getByLabel('Тариф').fill('');
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Для платної послуги вкажіть тариф');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Вкажіть причину зміни');
    await expectAccessible(page, 'service form with errors');

    await page.getByLabel('Тариф').fill('Тариф 2026: 40 грн на день');
    await page.getByLabel('Отримуємо самі з реєстрів').nth(2).check();
    await page.getByLabel('Причина зміни').fill('Затверджено нові тарифи');
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Зміни збережено');
    expect(await page.getByRole('heading', { name: 'Версія 1 → 2' }).count()).toBe(1);
    const table = await page.locator('section.tb-card table').textContent();
    expect(table).toContain('Тариф 2026: 40 грн на день');
    expect(await page.locator('section.tb-card').textContent()).toContain('Затверджено нові тарифи');
    await expectAccessible(page, 'service history');

    await page.getByRole('link', { name: 'Відкрити публічну картку' }).click();
    expect(await page.locator('#docs-office').textContent()).toContain('Висновок лікаря');
    expect(await page.locator('#docs-bring').textContent()).not.toContain('Висновок лікаря');
    await expectAccessible(page, 'public card after the edit');
    await context.close();
  });
});
