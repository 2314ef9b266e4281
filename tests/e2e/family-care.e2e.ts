import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { household, person } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

/** Fills the day, month and year boxes of a date field. */
async function fillDate(p: Page, id: string, iso: string) {
  const [y = '', m = '', d = ''] = iso.split('-');
  await p.locator(`#${id}-day`).fill(d);
  await p.locator(`#${id}-month`).fill(m);
  await p.locator(`#${id}-year`).fill(y);
}

describe('family forms of care in Chromium', () => {
  it('the children’s service registers candidates, records their path to a foster family, places a child (a case opens) and records a visit', async () => {
    const today = kyivToday();
    const head = await person(t, { lastName: 'Прийомна', firstName: 'Ганна', birthDate: '1984-03-03' });
    const householdId = await household(t, { headPersonId: head });
    await person(t, { lastName: 'Сирітко', firstName: 'Назар', birthDate: addDays(today, -365 * 7) });

    const children = await signedInContext(t, browser, { username: 'children' });
    const p = await children.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Сімейні форми виховання' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Сімейні форми виховання та кандидати');
    await expectAccessible(p, 'family forms list with the counts');

    // Candidates are a registry household: from its card.
    await p.goto(`${t.baseUrl}/households/${householdId}`);
    await expectAccessible(p, 'household card with the family-care section');
    await p.getByRole('link', { name: 'Зареєструвати як кандидатів у сімейну форму виховання' }).click();
    await expectAccessible(p, 'registering candidates');
    await p.getByLabel('Прийомна сім’я').check();
    await p.getByLabel('Скільки дітей може виховувати сім’я').fill('7');
    await p.getByRole('button', { name: 'Зареєструвати кандидатів' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('від 1 до 4');
    await expectAccessible(p, 'registering candidates with an error');
    await p.getByLabel('Скільки дітей може виховувати сім’я').fill('2');
    await p.getByRole('button', { name: 'Зареєструвати кандидатів' }).click();
    await expect.poll(() => p.locator('#family-stage').innerText()).toBe('Кандидати');
    await expectAccessible(p, 'candidates’ page');

    // An approval before the training and the assessment is refused, each missing step named.
    await fillDate(p, 'decidedOn', today);
    await p.locator('#decision').check();
    await p.getByLabel('Номер рішення').fill('101');
    await p.getByRole('button', { name: 'Зберегти рішення' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('спершу запишіть навчання');
    expect(await p.locator('.govuk-error-summary').innerText()).toContain('спершу запишіть оцінку');
    await expectAccessible(p, 'candidates’ page with the approval refused');

    await p.getByLabel('Навчальний курс').fill('Школа прийомних батьків');
    await p.getByLabel('Годин навчання').fill('72');
    await fillDate(p, 'trainedOn', addDays(today, -30));
    await p.getByRole('button', { name: 'Зберегти' }).first().click();
    await expect.poll(() => p.locator('#step-training').innerText()).toContain('Школа прийомних батьків, 72 год');
    await fillDate(p, 'assessedOn', addDays(today, -10));
    await p.getByLabel('Позитивний').check();
    await p.locator('form[action$="/assessment"] button').click();
    await expect.poll(() => p.locator('#step-assessment').innerText()).toContain('Позитивний');
    await fillDate(p, 'decidedOn', addDays(today, -3));
    await p.locator('#decision').check();
    await p.getByLabel('Номер рішення').fill('101');
    await p.getByRole('button', { name: 'Зберегти рішення' }).click();
    await expect.poll(() => p.locator('#family-stage').innerText()).toBe('Діє');
    await expectAccessible(p, 'active foster family');

    // Place a child: find in the registry, choose, the basis; a case opens for the child.
    await p.locator('#q').fill('Сирітко Назар');
    await p.getByRole('button', { name: 'Шукати' }).click();
    await p.getByLabel('Сирітко Назар').check();
    await expectAccessible(p, 'placing a child');
    await p.getByLabel('Підстава влаштування').fill('Рішення виконкому № 102');
    await p.getByRole('button', { name: 'Влаштувати' }).click();
    await expect.poll(() => p.locator('#family-placed').innerText()).toBe('1 з 2');
    expect(await p.locator('.govuk-notification-banner, [role="status"], .govuk-panel').first().innerText()).toContain(
      'Дитину влаштовано',
    );
    await expectAccessible(p, 'family with a placed child');

    // A visit to the child.
    await p.locator('textarea[name="findings"]').fill('Дитина адаптується, відвідує школу');
    await p.getByRole('button', { name: 'Записати', exact: true }).click();
    await expect.poll(() => p.locator('[data-visits]').innerText()).toContain('Дитина адаптується, відвідує школу');
    await expectAccessible(p, 'family with a visit recorded');

    // The child's case names the family.
    await p.locator('section[id^="placement-"] a[href^="/cases/"]').click();
    await expect.poll(() => p.locator('#case-placement').innerText()).toContain('Прийомна сім’я: Прийомна Ганна');
    await expectAccessible(p, 'the placed child’s case');

    // The counts for the plans include the family and the child.
    await p.goto(`${t.baseUrl}/family-care`);
    await expect.poll(() => p.locator('#care-table').innerText()).toContain('Прийомна Ганна');
    await expectAccessible(p, 'family forms list with the family');
    await children.context.close();
  });
});
