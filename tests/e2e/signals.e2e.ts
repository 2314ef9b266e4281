import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { person, signal } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('early detection in Chromium', () => {
  it('the children’s service registers an urgent signal, sees its clock, triages it into a restricted case and holds a team meeting', async () => {
    await person(t, { lastName: 'Сигнальна', firstName: 'Дарина', birthDate: '2017-05-05' });
    // An older signal, overdue: it stands first in the list.
    const late = await signal(t, { subjectName: 'Прострочений Сигнал', urgency: 'urgent', hoursAgo: 30 });

    const children = await signedInContext(t, browser, { username: 'children' });
    const p = await children.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await expect.poll(() => p.locator('[data-counter="signalsOverdue"]').isVisible()).toBe(true);
    await expectAccessible(p, 'staff home with the signal counters');
    await p.getByRole('link', { name: 'Сигнали (раннє виявлення)' }).click();
    await expect.poll(() => p.locator('#signals-table').innerText()).toContain('Прострочено на');
    await expect.poll(() => p.locator('#signals-table tbody tr').first().getAttribute('data-signal')).toBe(late.number);
    await expectAccessible(p, 'signals list');

    await p.getByRole('link', { name: 'Повідомити сигнал' }).click();
    await expectAccessible(p, 'new signal form');
    // Nothing observed: the form comes back with the error summary.
    await p.getByLabel('Ім’я', { exact: true }).fill('Дарина, прізвище невідоме');
    await p.getByLabel('Джерело', { exact: true }).selectOption('school');
    await p.getByLabel('Невідкладно').check();
    await p.getByRole('button', { name: 'Зареєструвати сигнал' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Опишіть, що помічено');
    await expectAccessible(p, 'new signal form with an error');
    await p.getByLabel('Що помічено').fill('Дівчинка третій день не приходить до школи, вдома ніхто не відчиняє');
    await p.getByRole('button', { name: 'Зареєструвати сигнал' }).click();

    await expect.poll(() => p.locator('#signal-clock').innerText()).toMatch(/Залишилося 2[34] год/);
    await expect.poll(() => p.locator('#signal-status').innerText()).toBe('Новий');
    await expectAccessible(p, 'signal page');
    await p.getByRole('button', { name: 'Взяти в роботу' }).click();
    await expect.poll(() => p.locator('#signal-status').innerText()).toBe('На розгляді');

    // Find the child in the registry and open a child-at-risk case.
    await p.locator('#q').fill('Сигнальна Дарина');
    await p.getByRole('button', { name: 'Шукати' }).click();
    await p.getByLabel('Сигнальна Дарина').check();
    await expectAccessible(p, 'signal page with registry matches');
    await p.getByLabel('Тип випадку').selectOption('child_at_risk');
    await p.getByRole('button', { name: 'Відкрити випадок' }).click();

    // A restricted case's page asks why it is opened, each time.
    await p.getByLabel('Причина перегляду').fill('Розгляд сигналу, відкрито випадок');
    await expectAccessible(p, 'reason before a restricted case');
    await p.getByRole('button', { name: 'Відкрити випадок' }).click();
    await expect.poll(() => p.locator('#case-status').innerText()).toBe('Відкрито');
    await expect.poll(() => p.locator('#case-signal').innerText()).toMatch(/Відкрито за сигналом С-\d{4}-\d{6}/);
    await expect.poll(() => p.locator('#case-timeline').innerText()).toMatch(/Випадок відкрито за сигналом С-/);
    expect(await p.locator('#case-summary').innerText()).toContain('Сигнальна Дарина');
    await expectAccessible(p, 'case opened from a signal');
    const caseUrl = p.url();
    // The team: the class teacher joins the case, and the first team meeting sets her a task.
    await p.getByRole('link', { name: 'Додати до команди' }).click();
    await expectAccessible(p, 'new team member');
    await p.getByLabel('Контакт з іншої установи').check();
    await p.getByLabel('Прізвище та ім’я').fill('Бондар Леся');
    await p.getByLabel('Установа', { exact: true }).selectOption('education');
    await p.getByLabel('Роль у випадку').fill('класна керівниця');
    await p.getByRole('button', { name: 'Додати', exact: true }).click();
    await expect.poll(() => p.locator('#case-team').innerText()).toContain('Бондар Леся');
    await expectAccessible(p, 'case page with its team');

    await p.getByRole('link', { name: 'Записати нараду' }).click();
    await expectAccessible(p, 'team meeting form');
    await p.getByRole('button', { name: 'Зберегти нараду' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(p, 'team meeting form with errors');
    await p.getByLabel('Бондар Леся').check();
    await p.getByLabel('Рішення наради').fill('Класній керівниці підготувати характеристику дитини');
    await p.locator('#task1Title').fill('Характеристика зі школи');
    await p.locator('#task1Assignee').selectOption({ label: 'Бондар Леся' });
    const due = new Date(Date.now() + 7 * 86_400_000);
    await p.locator('#task1Due-day').fill(String(due.getUTCDate()));
    await p.locator('#task1Due-month').fill(String(due.getUTCMonth() + 1));
    await p.locator('#task1Due-year').fill(String(due.getUTCFullYear()));
    await p.getByRole('button', { name: 'Зберегти нараду' }).click();
    await expect.poll(() => p.locator('#case-tasks').innerText()).toContain('Характеристика зі школи');
    await expect
      .poll(() => p.locator('#case-meetings').innerText())
      .toContain('Класній керівниці підготувати характеристику дитини');

    await p.locator('#case-signal a').click();
    await expect.poll(() => p.locator('#signal-status').innerText()).toBe('Закрито');
    expect(await p.locator('#signal-outcome').innerText()).toContain('Відкрито випадок');
    await expect.poll(() => p.locator('#signal-outcome a').getAttribute('href')).toBe(new URL(caseUrl).pathname);
    await expectAccessible(p, 'closed signal');
    await children.context.close();
  });
});
