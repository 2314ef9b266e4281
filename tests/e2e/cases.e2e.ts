import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { application, person, service } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('case management in Chromium', () => {
  it('a worker opens a case from a granted application, moves it to assessment, adds a visit and finds it in the list', async () => {
    const personId = await person(t, { lastName: 'Випадкова', firstName: 'Олена' });
    const svc = await service(t, { name: 'Догляд вдома (випадок e2e)' });
    const appId = await application(t, { personId, serviceId: svc.id, status: 'granted' });

    const worker = await signedInContext(t, browser, { username: 'worker' });
    const w = await worker.context.newPage();
    w.setDefaultTimeout(10_000);
    await w.goto(`${t.baseUrl}/applications/${appId}`);
    await expect.poll(() => w.locator('#case').isVisible()).toBe(true);
    await w.getByRole('link', { name: 'Відкрити випадок' }).click();
    await expect.poll(() => w.locator('#case-subject').innerText()).toBe('Випадкова Олена');
    await expectAccessible(w, 'new case form');

    // Without a type the form comes back with the error summary.
    await w.getByRole('button', { name: 'Відкрити випадок' }).click();
    await expect.poll(() => w.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(w, 'new case form with an error');
    await w.getByLabel('Тип випадку').selectOption('older_disability');
    await w.getByLabel('Високий').check();
    await w.getByRole('button', { name: 'Відкрити випадок' }).click();
    await expect.poll(() => w.locator('#case-status').innerText()).toBe('Відкрито');
    await expect.poll(() => w.locator('#case-timeline').innerText()).toContain('Догляд вдома (випадок e2e)');
    await expectAccessible(w, 'case page');

    await w.getByRole('button', { name: 'Почати оцінювання потреб' }).click();
    await expect.poll(() => w.locator('#case-status').innerText()).toBe('Оцінювання потреб');

    await w.getByLabel('Візит').check();
    await w.getByLabel('Що відбулося').fill('Оглянула умови проживання');
    await w.getByRole('button', { name: 'Додати запис' }).click();
    await expect.poll(() => w.locator('#case-notes').innerText()).toContain('Оглянула умови проживання');
    await expectAccessible(w, 'case page with a note');

    await w.goto(`${t.baseUrl}/cases`);
    await expect.poll(() => w.locator('#cases-table').innerText()).toContain('Випадкова Олена');
    await expectAccessible(w, 'my cases');
    await w.goto(`${t.baseUrl}/persons/${personId}`);
    await expect.poll(() => w.locator('#person-cases').innerText()).toContain('Оцінювання потреб');
    await worker.context.close();
  });
});
