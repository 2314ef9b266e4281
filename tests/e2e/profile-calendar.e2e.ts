import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { demoHromadaId } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';
import { addWorkingDays, calendarFrom, kyivToday } from '../../src/modules/applications/working-days.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('profile and working calendar in Chromium', () => {
  it('a resident corrects a mistake and saves contacts, needs and display settings (axe on every page)', async () => {
    const { context } = await signedInContext(t, browser, { email: 'resident@example.com' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/cabinet`);
    await expectAccessible(page, 'cabinet with the profile summary');

    await page.getByRole('link', { name: /Змінити/ }).click();
    expect(new URL(page.url()).pathname).toBe('/cabinet/profile');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Особисті налаштування');
    await expectAccessible(page, 'profile form');

    await page.getByLabel('Номер телефону').fill('12-34');
    await page.getByRole('radio', { name: 'Телефоном' }).check();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Введіть український номер телефону');
    await expectAccessible(page, 'profile form with errors');

    await page.getByLabel('Номер телефону').fill('067 123 45 67');
    await page.getByRole('checkbox', { name: 'Потрібен перекладач жестової мови' }).check();
    await page.getByLabel('Інші потреби').fill('Прошу писати повідомлення до обіду');
    await page.getByRole('radio', { name: 'Збільшений' }).check();
    await page.getByRole('radio', { name: 'Високий' }).check();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    await page.waitForURL(`${t.baseUrl}/cabinet?saved=1`);
    expect(await page.locator('html').getAttribute('class')).toContain('tb-text-large tb-contrast-high');
    const summary = await page.locator('#profile-summary').textContent();
    expect(summary).toContain('+380 67 123 45 67');
    expect(summary).toContain('Потрібен перекладач жестової мови');
    await expectAccessible(page, 'cabinet after saving the profile (large text, high contrast)');
    // A file input's text keeps its contrast in the high-contrast theme too.
    await page.goto(`${t.baseUrl}/cabinet/documents`);
    await expectAccessible(page, 'documents with a file input (large text, high contrast)');
    await context.close();
  });

  it("keeps the inputs' suffixes readable in the high-contrast theme (axe)", async () => {
    const { context } = await signedInContext(t, browser, { username: 'manager' });
    await context.addCookies([{ name: 'a11y', value: 'large.high', url: t.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/family-care/settings`);
    expect(await page.locator('html').getAttribute('class')).toContain('tb-contrast-high');
    expect(await page.locator('.govuk-input__suffix').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'care settings with suffixes (high contrast)');
    await context.close();
  });

  it('a manager adds a holiday to the hromada calendar from the staff home (axe on every page)', async () => {
    const hromadaId = await demoHromadaId(t);
    const raw = (
      await t.owner<{ c: unknown }>("SELECT settings -> 'workCalendar' AS c FROM hromadas WHERE id = $1", [hromadaId])
    ).rows[0].c;
    const day = addWorkingDays(kyivToday(), 1, calendarFrom(raw));
    const [y, m, d] = day.split('-');

    const { context } = await signedInContext(t, browser, { username: 'manager' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${t.baseUrl}/staff`);
    await expectAccessible(page, 'staff home');
    await page.getByRole('link', { name: 'Робочий календар громади' }).click();
    expect(new URL(page.url()).pathname).toBe('/working-calendar');
    await expectAccessible(page, 'working calendar');

    await page.getByRole('button', { name: 'Додати день' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Вкажіть дату');
    await expectAccessible(page, 'working calendar with errors');

    await page.getByLabel('День', { exact: true }).fill(d);
    await page.getByLabel('Місяць', { exact: true }).fill(m);
    await page.getByLabel('Рік', { exact: true }).fill(y);
    await page.getByLabel('Назва').fill('День громади');
    await page.getByRole('radio', { name: 'Неробочий день' }).check();
    await page.getByRole('button', { name: 'Додати день' }).click();
    await page.waitForURL(/\/working-calendar\?year=\d{4}&done=added$/);
    const own = await page.locator('#own-days').textContent();
    expect(own).toContain(`${d}.${m}.${y}`);
    expect(own).toContain('День громади');
    await expectAccessible(page, 'working calendar after adding a day');

    await page.getByRole('link', { name: new RegExp(`Видалити ${d}\\.${m}\\.${y}`) }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(`${d}.${m}.${y}`);
    await expectAccessible(page, 'removal confirmation');
    await page.getByRole('link', { name: 'Скасувати' }).click();
    expect(await page.locator('#own-days').textContent()).toContain('День громади');
    await context.close();
  });
});
