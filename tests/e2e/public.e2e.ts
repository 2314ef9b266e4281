import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('public pages in Chromium', () => {
  it('settings work without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/settings/accessibility');
    await page.getByLabel('Збільшений').check();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('tb-text-large');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('home, accessibility settings and error pages pass axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/');
    expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Соціальні послуги громади');
    await expectAccessible(page, 'home');

    await page.getByRole('link', { name: 'Налаштування доступності' }).click();
    await expectAccessible(page, 'accessibility settings');
    await page.getByLabel('Великий').check();
    await page.getByLabel('Високий').check();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('tb-contrast-high');
    await expectAccessible(page, 'accessibility settings, high contrast');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page, 'English');

    await page.goto(t.baseUrl + '/missing');
    await expectAccessible(page, '404 page');
    await context.close();
  });
});
