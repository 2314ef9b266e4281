import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { SAMPLE } from '../helpers/cabinet.js';
import { kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('staff development in Chromium', () => {
  it('a provider records a training with its certificate and a supervision session of its own worker, and reads the figures', async () => {
    const [y, m, d] = kyivToday().split('-');
    const { context } = await signedInContext(t, browser, { username: 'provider' });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    const fillDate = async (name: string) => {
      await p.locator(`#${name}-day`).fill(d ?? '');
      await p.locator(`#${name}-month`).fill(m ?? '');
      await p.locator(`#${name}-year`).fill(y ?? '');
    };
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Розвиток персоналу: навчання і супервізія' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Працівники: навчання і супервізія');
    await expectAccessible(p, 'staff list');
    await p.getByRole('link', { name: 'Наталія Терцентр' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Наталія Терцентр');
    await expectAccessible(p, 'staff member page, empty');

    await p.getByRole('link', { name: 'Додати навчання' }).click();
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Зазначте назву курсу');
    await expectAccessible(p, 'training form with errors');
    await p.locator('#course').fill('Супервізія в соціальній роботі');
    await p.locator('#organiser').fill('Школа соціальної роботи');
    await p.locator('#hours').fill('7,5');
    await fillDate('trainedOn');
    await p.locator('#file').setInputFiles({ name: 'sertyfikat.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf });
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Навчання додано.');
    await expect.poll(() => p.locator('#staffdev-trainings').innerText()).toContain('sertyfikat.pdf');

    await p.getByRole('link', { name: 'Додати супервізійну сесію' }).click();
    await expect.poll(() => p.locator('#staffdev-topics-warning').innerText()).toContain('Не зазначайте відомостей');
    await expectAccessible(p, 'supervision form');
    await p.getByLabel('Індивідуальна').check();
    await p.locator('#supervisor').fill('Коваль Олена Петрівна');
    await fillDate('heldOn');
    await p.locator('#hours').fill('1,5');
    await p.locator('#topics').fill('Отримувач 3012345678 і його родина');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('схоже на РНОКПП');
    await expectAccessible(p, 'supervision form with the guard');
    await p.locator('#topics').fill('Професійне вигорання, межі');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#staffdev-supervisions').innerText()).toContain('Коваль Олена Петрівна');
    await expect.poll(() => p.locator('#staffdev-year').innerText()).toContain('7,5');
    await expectAccessible(p, 'staff member page with records');

    await p
      .locator('#staffdev-supervisions')
      .getByRole('link', { name: /Видалити/ })
      .click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Видалити запис про супервізію?');
    await expectAccessible(p, 'delete confirmation');
    await p.getByRole('button', { name: 'Так, видалити' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Запис видалено.');

    await p.goto(`${t.baseUrl}/staff-development/figures`);
    await expect.poll(() => p.locator('#staffdev-figures-total').innerText()).toContain('7,5');
    await expectAccessible(p, 'figures');
    await context.close();
  });
});
