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

async function signedIn(username: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return (await signedInContext(t, browser, { username }, opts)).context;
}

describe('administration in Chromium', () => {
  it('the administrator creates a user, grants the role worker and finds both on /audit', async () => {
    const context = await signedIn('admin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/staff');
    await page.getByRole('link', { name: 'Адміністрування' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Користувачі та ролі');
    await expectAccessible(page, 'users list');

    await page.getByRole('button', { name: 'Створити користувача' }).click();
    await expectAccessible(page, 'new user form');
    await page.getByRole('button', { name: 'Створити користувача' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Логін має містити');
    await expectAccessible(page, 'new user form with errors');

    await page.getByLabel('Логін').fill('e2e.worker');
    await page.getByLabel("Ім'я та прізвище").fill('Ганна Перевірка');
    await page.getByRole('button', { name: 'Створити користувача' }).click();
    expect(await page.locator('#temp-password').textContent()).toMatch(/[A-Za-z0-9]{5}-/);
    await expectAccessible(page, 'password shown once');

    await page.getByRole('link', { name: 'Перейти до користувача' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Ганна Перевірка');
    await expectAccessible(page, 'user page');
    await page.getByLabel('Роль', { exact: true }).selectOption('worker');
    await page.getByRole('button', { name: 'Надати роль' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Роль надано');
    expect(await page.locator('table').first().textContent()).toContain('Фахівець із соціальної роботи');
    await expectAccessible(page, 'user page after a grant');

    await page.getByRole('link', { name: 'Вимкнути обліковий запис' }).click();
    await expectAccessible(page, 'deactivation confirmation');
    await page.getByRole('link', { name: 'Скасувати' }).click();

    await page.goto(t.baseUrl + '/audit');
    await expectAccessible(page, 'audit search');
    const userId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'e2e.worker'")).rows[0].id;
    await page.getByLabel('Тип запису').selectOption('user');
    await page.getByLabel('Ідентифікатор запису').fill(userId);
    await page.getByRole('button', { name: 'Шукати' }).click();
    const results = await page.locator('table tbody').textContent();
    expect(results).toContain('Користувач · створення');
    await expectAccessible(page, 'audit search results');

    await page.getByLabel('Тип запису').selectOption('grant');
    await page.getByLabel('Ідентифікатор запису').fill('');
    await page.getByLabel('Хто (логін)').selectOption({ label: 'admin — Олена Адміністраторка' });
    await page.getByRole('button', { name: 'Шукати' }).click();
    expect(await page.locator('table tbody').textContent()).toContain('Роль · додавання');

    await page.getByLabel('З дати').fill('32.01.2026');
    await page.getByRole('button', { name: 'Шукати' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('дд.мм.рррр');
    await expectAccessible(page, 'audit search with errors');

    await page.goto(t.baseUrl + '/audit');
    await page.getByRole('button', { name: 'Перевірити цілісність' }).click();
    expect(await page.locator('#verify-result').textContent()).toContain('Порушень не знайдено');
    await expectAccessible(page, 'audit verification');
    await context.close();
  });

  it('hromada and district pages pass axe', async () => {
    const context = await signedIn('admin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/admin/hromadas');
    await expectAccessible(page, 'hromadas');
    await page.getByLabel('Назва громади').fill('Старобільськ');
    await page.getByRole('button', { name: 'Знайти' }).click();
    await page.getByRole('link', { name: 'Старобільська', exact: true }).click();
    await expectAccessible(page, 'hromada page');
    await page.getByLabel('Новий округ').fill('Тестовий округ');
    await page.getByRole('button', { name: 'Створити округ' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Округ створено');
    await expectAccessible(page, 'district page');
    await page.getByRole('link', { name: 'Видалити округ' }).click();
    await expectAccessible(page, 'district deletion confirmation');
    await page.getByRole('button', { name: 'Видалити округ' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Округ видалено');
    await context.close();
  });

  it('the administrator adds a case type of the hromada and switches it off', async () => {
    const context = await signedIn('admin');
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/staff');
    await page.getByRole('link', { name: 'Типи випадків' }).click();
    await expectAccessible(page, 'case types');
    await page.getByRole('button', { name: 'Додати тип' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText()).toContain('Вкажіть назву українською');
    await expectAccessible(page, 'case types with an error');
    await page.getByLabel('Назва українською').fill('Підтримка ветеранів');
    await page.getByRole('button', { name: 'Додати тип' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Тип випадку додано');
    await page.getByRole('link', { name: 'Підтримка ветеранів' }).click();
    await expectAccessible(page, 'case type page');
    await page.getByLabel('Пропонувати для нових випадків').uncheck();
    await page.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => page.locator('tr[data-type="own_1"]').innerText()).toContain('Вимкнено');
    await context.close();
  });

  it('creating a user and giving a role work without JavaScript', async () => {
    const context = await signedIn('admin', { javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/admin/users/new');
    await page.getByLabel('Логін').fill('nojs.user');
    await page.getByLabel("Ім'я та прізвище").fill('Без Скриптів');
    await page.getByLabel('Задати пароль').check();
    await page.getByLabel('Пароль', { exact: true }).fill('Lystopad-Rivne-2026');
    await page.getByRole('button', { name: 'Створити користувача' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Користувача створено');
    await page.getByLabel('Роль', { exact: true }).selectOption('frontdesk');
    await page.getByRole('button', { name: 'Надати роль' }).click();
    expect(await page.locator('table').first().textContent()).toContain('Адміністратор фронт-офісу');
    await context.close();
  });
});
