import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { SAMPLE } from '../helpers/cabinet.js';
import { pdfText } from '../integration/subject-report.pdf-text.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser({ jobs: true });
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

const STAROBILSK = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/action-plans/starobilsk-2021.json'));

describe('action plans in Chromium', () => {
  it('a manager imports a plan, records progress with evidence, enters a value, binds a metric and makes the annual report', async () => {
    const { context } = await signedInContext(t, browser, { username: 'manager' });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Плани дій і їх моніторинг' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Плани дій громади');
    await expectAccessible(p, 'plans list');

    await p.getByRole('button', { name: 'Імпортувати план' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Імпорт плану дій');
    // A broken file first: every problem is listed with its place in the file.
    const broken = JSON.parse(STAROBILSK.toString('utf8')) as { document: Record<string, unknown> };
    delete broken.document.title;
    await p.locator('#file').setInputFiles({
      name: 'plan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await p.getByRole('button', { name: 'Імпортувати' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('План не імпортовано');
    await expect.poll(() => p.locator('#problems-table').innerText()).toContain('$.document.title');
    await expectAccessible(p, 'import with problems');
    await p
      .locator('#file')
      .setInputFiles({ name: 'starobilsk.json', mimeType: 'application/json', buffer: STAROBILSK });
    await p.getByRole('button', { name: 'Імпортувати' }).click();
    await expect
      .poll(() => p.locator('.govuk-notification-banner').innerText())
      .toContain('План імпортовано повністю.');
    await expect.poll(() => p.locator('h1').innerText()).toContain('План дій на 2021 рік');
    await expectAccessible(p, 'plan page');

    await p.getByRole('link', { name: /^Придбання комп’ютерної та периферійної техніки/ }).click();
    await expect.poll(() => p.locator('#indicators-table').innerText()).toContain('Кількість обладнаних кімнат');
    await expectAccessible(p, 'task page');
    await p.locator('#body').fill('Закуплено 4 комп’ютери для відділу');
    await p.locator('#status').selectOption('in_progress');
    // Dated within the plan's first year, so that the annual report for 2021 carries it.
    await p.locator('#notedOn-day').fill('15');
    await p.locator('#notedOn-month').fill('06');
    await p.locator('#notedOn-year').fill('2021');
    await p.locator('#file').setInputFiles({ name: 'akt.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf });
    await p.getByRole('button', { name: 'Зберегти запис' }).click();
    await expect
      .poll(() => p.locator('.govuk-notification-banner').innerText())
      .toContain('Запис про хід виконання збережено.');
    await expect.poll(() => p.locator('#notes-list').innerText()).toContain('akt.pdf');
    await expect.poll(() => p.locator('#task-history').innerText()).toContain('Змінено стан завдання');

    await p.locator('#period').fill('2021');
    await p.locator('#actual').fill('два');
    await p.getByRole('button', { name: 'Зберегти значення' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Введіть число');
    await expectAccessible(p, 'value form with an error');
    await p.locator('#target').fill('3');
    await p.locator('#actual').fill('2');
    await p.getByRole('button', { name: 'Зберегти значення' }).click();
    await expect.poll(() => p.locator('#indicators-table').innerText()).toContain('2021 рік: ціль 3, факт 2');
    await expectAccessible(p, 'task page with a note and a value');

    // The plan named no funding for the task: a source is added, then what was planned and spent in 2021.
    await p.locator('#sourceKind').selectOption({ label: 'Місцевий бюджет' });
    await p.locator('#sourceName').fill('Бюджет Старобільської громади');
    await p.getByRole('button', { name: 'Додати джерело' }).click();
    await expect
      .poll(() => p.locator('.govuk-notification-banner').innerText())
      .toContain('Джерело фінансування додано');
    await p.locator('#year').fill('2021');
    await p.locator('#planned').fill('120 000');
    await p.locator('#spent').fill('-1');
    await p.getByRole('button', { name: 'Зберегти суми' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Сума не може бути від’ємною');
    await expectAccessible(p, 'funding form with an error');
    await p.locator('#spent').fill('118 500');
    await p.getByRole('button', { name: 'Зберегти суми' }).click();
    await expect.poll(() => p.locator('#funding-table').innerText()).toContain('Бюджет Старобільської громади');
    await expect.poll(() => p.locator('#funding-table').innerText()).toMatch(/2021.*120[\s\u00a0]?000/);

    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('link', { name: 'Панель моніторингу плану' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Панель моніторингу плану');
    await expect.poll(() => p.locator('#indicators-table').innerText()).toContain('Кількість обладнаних кімнат');
    // The chart is an image drawn on the server; it loads under the strict CSP.
    await expect
      .poll(() => p.locator('#tasks-by-goal + .tb-chart img').evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(0);
    await expectAccessible(p, 'plan dashboard');

    // An indicator bound to a metric of the platform's own data computes itself.
    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('link', { name: /^Навчання на курсах підвищення кваліфікації/ }).click();
    await p
      .getByRole('combobox', { name: 'Джерело даних індикатора «Кількість осіб, що пройшли навчання»' })
      .selectOption({
        label: 'Фахівці, які пройшли навчання (фахівців)',
      });
    await p.getByRole('button', { name: 'Джерело даних індикатора «Кількість осіб, що пройшли навчання»' }).click();
    await expect.poll(() => p.locator('#indicators-table').innerText()).toContain('Обчислюється з даних платформи');
    await expectAccessible(p, 'task page with a computed indicator');

    // The indicator's own page: its responsible changed, with the history.
    await p.getByRole('link', { name: 'Змінити індикатор «Кількість осіб, що пройшли навчання»' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Зміна індикатора');
    await expectAccessible(p, 'indicator form');
    await p.locator('#responsible').fill('Відділ кадрів');
    await p.getByRole('button', { name: 'Зберегти індикатор' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Індикатор збережено.');
    await expect.poll(() => p.locator('#task-history').innerText()).toContain('Відділ кадрів');

    // The dashboard shows the computed figure as kept, with when, and recomputes it on request.
    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('link', { name: 'Панель моніторингу плану' }).click();
    // The figure is computed by the background job: the page says so until it is done.
    await expect
      .poll(async () => {
        await p.reload();
        return p.locator('#figures-at').innerText();
      })
      .toContain('Обчислені показники станом на');
    await p.getByRole('button', { name: 'Перерахувати зараз' }).click();
    await expect
      .poll(() => p.locator('.govuk-notification-banner').innerText())
      .toContain('Перерахунок обчислених показників запущено');
    await expectAccessible(p, 'dashboard with kept figures');

    // A task the plan lacked, added to an operational goal (the form shown again with its error first).
    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('link', { name: 'Додати завдання' }).click();
    await p.getByRole('button', { name: 'Додати завдання' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Виберіть операційну ціль');
    await expectAccessible(p, 'new task form with errors');
    await p.locator('#goal').selectOption({ index: 1 });
    await p.locator('#code').fill('9.9.9');
    await p.locator('#title').fill('Соціальне таксі');
    await p.getByRole('button', { name: 'Додати завдання' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Завдання додано.');
    // Added by mistake: removed after a page that says what goes with it.
    await p.getByRole('link', { name: 'Видалити завдання' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Видалити завдання 9.9.9');
    await expectAccessible(p, 'task removal confirmation');
    await p.getByRole('button', { name: 'Видалити завдання' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Завдання видалено.');
    await p.getByRole('link', { name: 'Додати ціль' }).click();
    await p.locator('#code').fill('9');
    await p.locator('#title').fill('Доступність послуг');
    await expectAccessible(p, 'new goal form');
    await p.getByRole('button', { name: 'Додати ціль' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Ціль додано.');
    await p
      .getByRole('link', { name: /^Змінити назву стратегічної цілі/ })
      .first()
      .click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Зміна назви цілі');
    await expectAccessible(p, 'goal title form');
    await p.getByRole('link', { name: 'Повернутися до плану без змін' }).click();
    await p.getByRole('link', { name: /^Придбання комп’ютерної та периферійної техніки/ }).click();

    // The annual report: asked for, made in the background, its page and its PDF.
    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('button', { name: 'Сформувати звіт про моніторинг' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Сформувати звіт про моніторинг');
    await expectAccessible(p, 'report form');
    await p.getByLabel('Піврічний звіт').check();
    await p.getByRole('button', { name: 'Сформувати звіт' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Оберіть півріччя');
    await expectAccessible(p, 'report form with an error');
    await p.getByLabel('Річний звіт', { exact: true }).check();
    await p.getByLabel('Рік').selectOption('2021');
    await p.getByRole('button', { name: 'Сформувати звіт' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Звіт про моніторинг');
    await expectAccessible(p, 'report in progress');
    await expect
      .poll(
        async () => {
          await p.reload();
          return p.locator('h1').innerText();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('Звіт про моніторинг виконання плану за 2021 рік');
    await expect.poll(() => p.locator('#report-indicators').innerText()).toContain('Кількість обладнаних кімнат');
    await expectAccessible(p, 'finished report');
    const pdfHref = await p.locator('#report-pdf').getAttribute('href');
    const pdf = await p.request.get(`${t.baseUrl}${pdfHref ?? ''}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(Buffer.from(await pdf.body())).text.replace(/\s+/g, ' ')).toContain(
      '15.06.2021: Закуплено 4 комп’ютери',
    );

    // Published, the plan's monitoring is public: a browser without login sees it.
    await p.getByRole('link', { name: 'До плану' }).click();
    await p.getByRole('button', { name: 'Опублікувати на публічній сторінці' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('План опубліковано.');
    const publicHref = await p.getByRole('link', { name: 'Публічна сторінка плану' }).getAttribute('href');
    const anonymous = await browser.newContext();
    const pub = await anonymous.newPage();
    await pub.goto(`${t.baseUrl}${publicHref ?? ''}`);
    await expect.poll(() => pub.locator('h1').innerText()).toContain('План дій на 2021 рік');
    await expect.poll(() => pub.locator('#indicators-table').innerText()).toContain('Кількість обладнаних кімнат');
    await expectAccessible(pub, 'public plan monitoring');
    await pub.getByRole('link', { name: 'До переліку планів' }).click();
    await expect.poll(() => pub.locator('#public-plans').innerText()).toContain('План дій на 2021 рік');
    await expectAccessible(pub, 'public list of plans');
    await pub.getByRole('link', { name: 'Соціальний паспорт громади' }).click();
    await expect.poll(() => pub.locator('h1').innerText()).toContain('Соціальний паспорт громади');
    await expect.poll(() => pub.locator('#passport-computed').innerText()).toContain('Дані станом на');
    await expectAccessible(pub, 'social passport');
    await pub.getByRole('link', { name: 'Відкриті дані громади (CSV, JSON) і довідник полів' }).click();
    await expect.poll(() => pub.locator('h1').innerText()).toContain('Відкриті дані');
    await expectAccessible(pub, 'open data and its dictionary');
    await anonymous.close();
    await context.close();
  });
});
