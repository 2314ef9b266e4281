import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { SAMPLE } from '../helpers/cabinet.js';
import { demoHromadaId, linkPerson, residentId } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
let hromadaId: number;
let number = '';
let applicationId = '';

const { addPerson, addService, intake, idOf, row } = applicationFixtures(() => ({ t, hromadaId }));

beforeAll(async () => {
  ({ t, browser } = app);
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const person = await addPerson('Питальна', settlement);
  await linkPerson(t, await residentId(t), person);
  const frontdesk = t.client();
  await signInAs(t, frontdesk, { username: 'frontdesk' });
  applicationId = idOf(await intake(frontdesk, person, await addService('Соціальне таксі (листування e2e)')));
  number = (await row(applicationId)).registration_number;
});

describe('messages between a resident and the office in Chromium', () => {
  it('a resident asks about their application, a worker replies, the resident reads the reply', async () => {
    const question = 'Чи потрібна довідка про доходи?';
    const reply = 'Ні, довідку управління отримає саме.';

    const { context: residentCtx } = await signedInContext(t, browser, { email: 'resident@example.com' });
    const resident = await residentCtx.newPage();
    resident.setDefaultTimeout(10_000);
    await resident.goto(`${t.baseUrl}/cabinet`);
    await expectAccessible(resident, 'cabinet');
    await resident.getByRole('link', { name: 'Мої заяви' }).first().click();
    await expectAccessible(resident, 'my applications');
    await resident.getByRole('link', { name: number }).click();
    await expectAccessible(resident, 'application with an empty conversation');
    const files = 'Файли до повідомлення (необов’язково)';
    // No text and a program renamed to .pdf: both problems are named, nothing is sent.
    await resident
      .getByLabel(files)
      .setInputFiles({ name: 'dovidka.pdf', mimeType: 'application/pdf', buffer: SAMPLE.exe });
    await resident.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => resident.getByText('Введіть текст повідомлення').first().isVisible()).toBe(true);
    expect(await resident.locator('.govuk-error-summary').innerText()).toContain(
      'Файл «dovidka.pdf» має бути PDF, JPEG або PNG',
    );
    await expectAccessible(resident, 'conversation with errors');
    await resident.getByLabel('Ваше повідомлення').fill(question);
    await resident.getByLabel(files).setInputFiles([
      { name: 'dovidka-pro-dohody.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf },
      { name: 'foto.png', mimeType: 'image/png', buffer: SAMPLE.png },
    ]);
    await resident.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => resident.getByText('Повідомлення надіслано.').isVisible()).toBe(true);
    await expectAccessible(resident, 'conversation after sending with files');
    const sent = await resident.locator('#message-list').innerText();
    expect(sent).toContain(question);
    expect(sent).toContain('dovidka-pro-dohody.pdf (PDF, 1 КБ)');
    expect(sent).toContain('foto.png (Зображення PNG, 1 КБ)');

    const { context: workerCtx } = await signedInContext(t, browser, { username: 'worker' });
    const worker = await workerCtx.newPage();
    worker.setDefaultTimeout(10_000);
    await worker.goto(`${t.baseUrl}/staff`);
    await expectAccessible(worker, 'staff home');
    await worker.getByRole('link', { name: 'Нові повідомлення' }).click();
    await expectAccessible(worker, 'new messages');
    await worker.getByRole('link', { name: number }).click();
    await expectAccessible(worker, 'staff application with the question');
    expect(await worker.locator('#message-list').innerText()).toContain(question);
    // The office downloads the resident's file from the conversation: the same bytes.
    const download = worker.waitForEvent('download');
    await worker.locator('#message-list').getByRole('link', { name: 'dovidka-pro-dohody.pdf' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('dovidka-pro-dohody.pdf');
    expect(fs.readFileSync(await file.path()).equals(SAMPLE.pdf)).toBe(true);
    expect(await worker.locator('form[action$="/messages"] input[type="file"]').count()).toBe(0);
    await worker.goto(`${t.baseUrl}/applications/${applicationId}/documents`);
    await expectAccessible(worker, 'documents of the application with the message files');
    const documents = await worker.locator('#application-documents').innerText();
    expect(documents).toContain('Надіслано з повідомленням');
    expect(documents).toContain('foto.png');
    await worker.getByRole('link', { name: 'Відкрити листування' }).first().click();
    await expectAccessible(worker, 'staff conversation page');
    await worker.getByLabel('Відповідь заявникові').fill(reply);
    await worker.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => worker.getByText('Повідомлення надіслано.').isVisible()).toBe(true);
    await expectAccessible(worker, 'staff conversation after replying');
    await worker.goto(`${t.baseUrl}/applications/messages`);
    await expect.poll(() => worker.getByText('Нових повідомлень від заявників немає.').isVisible()).toBe(true);
    await expectAccessible(worker, 'no new messages');
    await workerCtx.close();

    await resident.goto(`${t.baseUrl}/cabinet`);
    await resident.getByRole('link', { name: 'Повідомлення від управління' }).click();
    await expectAccessible(resident, 'my conversations');
    expect(await resident.locator('#conversations').innerText()).toContain('1 нове повідомлення');
    await resident.getByRole('link', { name: number }).click();
    await expectAccessible(resident, 'application with the reply');
    const conversation = await resident.locator('#message-list').innerText();
    expect(conversation).toContain(reply);
    expect(conversation).toContain('Працівник управління');
    expect(conversation).not.toContain('Соцпрацівниця');
    expect(conversation.indexOf(question)).toBeLessThan(conversation.indexOf(reply));
    await residentCtx.close();
  });
});
