import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';
import { registerPerson } from '../../src/modules/persons/use-cases/register-person.js';
import { actorFromSession } from '../../src/platform/actor.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

const signedIn = (username: string) => signedInContext(t, browser, { username });

describe('the registry in Chromium', () => {
  it('a worker finds a person with a typo, opens the card, adds a household member and records a consent', async () => {
    const { context, token } = await signedIn('worker');
    const session = await t.services.sessions.load(token);
    const actor = await actorFromSession(t.services.db, session!);
    for (const p of [
      { lastName: 'Кравченко', firstName: 'Людмила', birthDate: '1949-11-02', sex: 'female' as const },
      { lastName: 'Кравченко', firstName: 'Микола', birthDate: '1947-06-15', sex: 'male' as const },
    ]) {
      const r = await registerPerson({ services: t.services, actor, input: p, confirm: true });
      expect(r.kind).toBe('created');
    }
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/staff');
    await page.getByRole('link', { name: 'Реєстр осіб' }).click();
    await expectAccessible(page, 'search page');

    await page.getByLabel('Пошук').fill('Кравчинко Людмила');
    await page.getByRole('button', { name: 'Шукати' }).click();
    expect(page.url()).toBe(`${t.baseUrl}/persons/search`);
    await expectAccessible(page, 'search results');
    await page.getByRole('link', { name: 'Кравченко Людмила' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Кравченко Людмила');
    await expectAccessible(page, 'person card');

    await page.getByRole('button', { name: 'Створити домогосподарство (особа — голова)' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Домогосподарство створено');
    await expectAccessible(page, 'household');
    await page.getByLabel('Знайти особу в реєстрі').fill('Кравченко Микола');
    await page.getByRole('button', { name: 'Знайти' }).click();
    await expectAccessible(page, 'household with candidates');
    await page.getByLabel('Ким Кравченко Микола доводиться голові').selectOption('spouse');
    await page.getByRole('button', { name: 'Додати Кравченко Микола' }).click();
    expect(await page.locator('table').first().textContent()).toContain('чоловік / дружина');
    await expectAccessible(page, 'household with a member');

    await page.getByRole('link', { name: 'Кравченко Людмила' }).first().click();
    await page.getByText('Записати згоду', { exact: true }).first().click();
    await page.getByLabel('Мета обробки').fill('Надання соціальних послуг');
    await page.getByLabel('Обсяг даних').fill('ПІБ, адреса, телефон');
    await page.getByLabel('Версія тексту згоди').fill('2024-01');
    await page.getByLabel('День').last().fill('10');
    await page.getByLabel('Місяць').last().fill('02');
    await page.getByLabel('Рік').last().fill('2024');
    await page.getByRole('button', { name: 'Записати згоду' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Згоду записано');
    expect(await page.locator('#consents + table').textContent()).toContain('10.02.2024');
    await expectAccessible(page, 'card with a consent');

    await page.getByRole('link', { name: 'Змінити дані' }).click();
    await expectAccessible(page, 'edit form');
    await page.goto(t.baseUrl + '/persons/new');
    await page.getByRole('button', { name: 'Зберегти' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Вкажіть прізвище');
    await expectAccessible(page, 'new person form with errors');
    await context.close();
  });

  it('a manager exports search results, is warned about a relation the dates contradict, links an account whose name differs, compares two records', async () => {
    const { context, token } = await signedIn('manager');
    const session = await t.services.sessions.load(token);
    const actor = await actorFromSession(t.services.db, session!);
    const ids: string[] = [];
    for (const p of [
      { lastName: 'Молода', firstName: 'Ольга', birthDate: '1990-01-01', sex: 'female' as const },
      { lastName: 'Молодий', firstName: 'Петро', birthDate: '1950-05-05', sex: 'male' as const },
      { lastName: 'Молода', firstName: 'Ольга', birthDate: '1990-01-01', sex: 'female' as const },
    ]) {
      const r = await registerPerson({ services: t.services, actor, input: p, confirm: true });
      if (r.kind !== 'created') throw new Error('not created');
      ids.push(r.id);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(t.baseUrl + '/persons');
    await page.getByLabel('Пошук').fill('Молодий Петро 1950');
    await page.getByRole('button', { name: 'Шукати' }).click();
    await page.getByRole('button', { name: 'Вивантажити результати у CSV' }).waitFor();
    await expectAccessible(page, 'search results with export');

    await page.goto(`${t.baseUrl}/persons/${ids[0]}`);
    await page.getByRole('button', { name: 'Створити домогосподарство (особа — голова)' }).click();
    await page.getByLabel('Знайти особу в реєстрі').fill('Молодий Петро');
    await page.getByRole('button', { name: 'Знайти' }).click();
    await page.getByLabel('Ким Молодий Петро доводиться голові').selectOption('child');
    await page.getByRole('button', { name: 'Додати Молодий Петро' }).click();
    expect(await page.locator('.govuk-warning-text').first().textContent()).toContain('05.05.1950');
    await expectAccessible(page, 'household relation warning');
    await page.getByRole('button', { name: 'Додати попри попередження' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Підтвердьте, що дати й зв’язок правильні',
    );
    await page.getByLabel('Дати й зв’язок правильні').check();
    await page.getByRole('button', { name: 'Додати попри попередження' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toBeTruthy();

    await page.goto(`${t.baseUrl}/cabinet-links/new?personId=${ids[0]}`);
    await page.getByLabel('Електронна пошта облікового запису мешканця').fill('resident@example.com');
    await page.getByLabel('Я особисто перевірив(-ла) документ, що посвідчує особу').check();
    await page.getByRole('button', { name: 'Пов’язати' }).click();
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Тарас Мешканець');
    await expectAccessible(page, 'linking with different names');

    await page.goto(`${t.baseUrl}/persons/merge?a=${ids[0]}&b=${ids[2]}`);
    expect(await page.locator('body').textContent()).not.toMatch(/[a-z_]+\.person_id/);
    await expectAccessible(page, 'merge comparison');
    await context.close();
  });
});
