import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { kase, person } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

/** The daily activities of the home-care form and the answer chosen for each (100 − 5 − 5 − 5 = 85 points). */
const ADL: [string, string][] = [
  ['Прийом їжі', 'Не потребує допомоги, сама користується столовими приборами'],
  ['Особиста гігієна (вмитися, причесатися, почистити зуби, поголитися)', 'Не потребує допомоги'],
  ['Одягання', 'Не потребує допомоги'],
  ['Купання у ванні або під душем', 'Потребує сторонньої допомоги'],
  ['Контроль тазових функцій (сечовипускання, дефекація)', 'Не потребує допомоги'],
  ['Відвідування туалету', 'Не потребує допомоги'],
  ['Вставання з ліжка', 'Не потребує допомоги'],
  ['Пересування', 'Пересувається з допомогою іншої особи або з ходунками'],
  ['Підіймання сходами', 'Потребує нагляду або допомоги'],
];

describe('needs assessment in Chromium', () => {
  it('a worker assesses a case with the home-care form and sees the score on the case page; the admin reads the forms', async () => {
    const personId = await person(t, { lastName: 'Оцінена', firstName: 'Марія' });
    const k = await kase(t, { personId, typeCode: 'older_disability' });

    const worker = await signedInContext(t, browser, { username: 'worker' });
    const w = await worker.context.newPage();
    w.setDefaultTimeout(10_000);
    await w.goto(`${t.baseUrl}/cases/${k.id}`);
    await expect.poll(() => w.locator('#assessments').isVisible()).toBe(true);
    await w.locator('#start-assessment').click();
    await expect.poll(() => w.locator('h1').innerText()).toBe('Оцінка потреб дорослої особи в догляді вдома');
    await expectAccessible(w, 'home-care assessment form');

    // Saved without the daily activities: the summary names each question, nothing is saved.
    await w.getByRole('group', { name: 'З ким проживає особа' }).getByLabel('Сама').check();
    await w.getByRole('button', { name: 'Зберегти оцінювання' }).click();
    await expect
      .poll(() => w.locator('.govuk-error-summary').innerText())
      .toContain('Дайте відповідь на питання «Прийом їжі»');
    await expectAccessible(w, 'home-care assessment form with errors');

    for (const [question, answer] of ADL) {
      await w.getByRole('group', { name: question, exact: true }).getByLabel(answer, { exact: true }).check();
    }
    await w
      .getByRole('group', { name: 'Як особа сама оцінює своє самопочуття' })
      .getByLabel('4', { exact: true })
      .check();
    await w
      .getByRole('group', { name: /З чим потрібна допомога вдома/ })
      .getByLabel('Принести воду, дрова чи вугілля')
      .check();
    await w.getByRole('button', { name: 'Зберегти оцінювання' }).click();
    await expect.poll(() => w.locator('#assessment-scores').innerText()).toContain('Помірна залежність');
    await expect.poll(() => w.locator('#assessment-scores').innerText()).toContain('12 год догляду на тиждень');
    await expectAccessible(w, 'filled assessment');

    await w.getByRole('link', { name: /До випадку/ }).click();
    await expect.poll(() => w.locator('#case-assessments').innerText()).toContain('85 — Помірна залежність');
    await expect.poll(() => w.locator('#case-status').innerText()).toBe('Оцінювання потреб');
    await expectAccessible(w, 'case page with an assessment');
    await worker.context.close();

    const admin = await signedInContext(t, browser, { username: 'admin' });
    const a = await admin.context.newPage();
    a.setDefaultTimeout(10_000);
    await a.goto(`${t.baseUrl}/admin/assessment-forms`);
    await expect.poll(() => a.locator('#assessment-forms').innerText()).toContain('Оцінка потреб сім’ї з дітьми');
    await expectAccessible(a, 'assessment forms');
    await a.getByRole('link', { name: 'Оцінка потреб дорослої особи в догляді вдома' }).click();
    await expect.poll(() => a.locator('#form-versions').innerText()).toContain('постачена з системою');
    await expectAccessible(a, 'assessment form');
    await a.getByRole('link', { name: 'Нова версія' }).click();
    await a.getByLabel('Визначення форми (JSON)').fill('{ "sections": [] }');
    await a.getByRole('button', { name: 'Зберегти нову версію' }).click();
    await expect.poll(() => a.locator('.govuk-error-summary').innerText()).toContain('потрібен хоча б один розділ');
    await expectAccessible(a, 'new form version with an error');
    await admin.context.close();
  });
});
