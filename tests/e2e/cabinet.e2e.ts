import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { linkPerson, person, residentId, service } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('resident cabinet in Chromium', () => {
  it('a linked resident applies online with a document and sees the application in the cabinet', async () => {
    const personId = await person(t, { lastName: 'Онлайненко', firstName: 'Ніна' });
    await linkPerson(t, await residentId(t), personId);
    const svc = (
      await service(t, { name: 'Соціальний супровід (e2e)', channels: ['online'], documents: [{ name: 'Паспорт' }] })
    ).id;

    const { context } = await signedInContext(t, browser, { email: 'resident@example.com' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(`${t.baseUrl}/services/${svc}`);
    await page.getByRole('link', { name: 'Подати заяву онлайн' }).click();
    await expectAccessible(page, 'online form');
    await page.getByRole('button', { name: 'Перевірити заяву' }).click();
    await expect.poll(() => page.getByText('Додайте документ «Паспорт»').first().isVisible()).toBe(true);
    await expectAccessible(page, 'online form with errors');
    await page
      .getByLabel('Файл: Паспорт')
      .setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByLabel(/Я погоджуюся на обробку/).check();
    await page.getByRole('button', { name: 'Перевірити заяву' }).click();
    await expect.poll(() => page.url()).toMatch(/\/review$/);
    await expectAccessible(page, 'review');
    await page.getByRole('button', { name: 'Подати заяву' }).click();
    await expect.poll(() => page.url()).toMatch(/\/acknowledgement$/);
    await expectAccessible(page, 'acknowledgement');
    const number = await page.locator('#registration-number').innerText();
    expect(number).toMatch(/^СП-\d{4}-\d{6}$/);

    await page.goto(`${t.baseUrl}/cabinet`);
    await page.getByRole('link', { name: 'Мої заяви' }).first().click();
    await expectAccessible(page, 'my applications');
    await page.getByRole('link', { name: number }).click();
    await expectAccessible(page, 'application timeline');
    await page.getByRole('link', { name: 'Відкликати заяву' }).click();
    await expectAccessible(page, 'withdraw confirmation');

    await page.goto(`${t.baseUrl}/cabinet/documents`);
    await expectAccessible(page, 'my documents');
    await page.getByLabel('Назва документа').fill('Паспорт');
    await page.getByLabel('Файл', { exact: true }).setInputFiles({
      name: 'p.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    });
    await page.getByRole('button', { name: 'Додати документ' }).click();
    await expect.poll(() => page.getByText('Документ додано.').isVisible()).toBe(true);
    await expectAccessible(page, 'my documents with one');
    await page.getByRole('link', { name: /Видалити/ }).click();
    await expectAccessible(page, 'delete confirmation');
    await context.close();
  });
});
