import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { linkResident, SAMPLE, starostaDistrict } from '../helpers/cabinet.js';
import { workerActor } from '../helpers/staff-actor.js';
import { pdfText } from '../integration/subject-report.pdf-text.js';
import { demoHromadaId } from '../factories/index.js';
import { expectAccessible, launchBrowser, signedInContext } from './browser.js';
import { addDays, kyivToday } from '../../src/modules/applications/working-days.js';
import { createPerson } from '../../src/modules/persons-web/use-cases/create-person.js';

let t: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let hromadaId: number;

const RESIDENT = 'resident@example.com';
/** The synthetic ID card of docs/product.md: Шевченко Оксана, 01.01.2000, УНЗР 20000101-12346. */
const MRZ = ['IDUKR00012345652000010112346<<', '0001018F3401011UKR<<<<<<<<<<<6', 'SHEVCHENKO<<OKSANA<<<<<<<<<<<<'];

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  browser = await launchBrowser();
  hromadaId = await demoHromadaId(t);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

async function pageOf(who: { username?: string; email?: string }): Promise<Page> {
  const { context } = await signedInContext(t, browser, who);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe('an application from the catalogue to the verified decision, in Chromium', () => {
  // A long journey through four people's pages: more time than the default.
  it(
    'a resident applies online, sends a requested document, and checks the decision the manager grants',
    { timeout: 240_000 },
    async () => {
      const actor = await workerActor(t, hromadaId);
      const person = await createPerson({
        services: t.services,
        actor,
        confirm: true,
        input: { lastName: 'Журбенко', firstName: 'Олена', birthDate: '1988-04-12', sex: 'female', email: RESIDENT },
      });
      if (person.kind !== 'created') throw new Error('person not created');
      await linkResident(t, RESIDENT, person.id);

      // The resident finds the service through a life situation on the public catalogue.
      const r = await pageOf({ email: RESIDENT });
      await r.goto(t.baseUrl + '/');
      await r.getByRole('link', { name: 'Життєві ситуації' }).click();
      await expectAccessible(r, 'life situations');
      await r.getByRole('link', { name: 'Народження дитини' }).click();
      await expectAccessible(r, 'life situation');
      await r.getByRole('link', { name: 'Соціальний супровід', exact: true }).click();
      await expectAccessible(r, 'service card');
      await r.getByRole('link', { name: 'Подати заяву онлайн' }).click();
      await expectAccessible(r, 'online form');
      // The application form itself is filled in with the office (issue 9, item 16): named, never asked for online.
      await expect
        .poll(() => r.locator('#docs-with-office').innerText())
        .toContain('Заява про надання соціальних послуг');
      expect(await r.getByLabel('Файл: Заява про надання').count()).toBe(0);
      await r
        .getByLabel('Файл: Паспорт')
        .setInputFiles({ name: 'pasport.png', mimeType: 'image/png', buffer: SAMPLE.png });
      await r.getByLabel(/Я погоджуюся на обробку/).check();
      await r.getByRole('button', { name: 'Перевірити заяву' }).click();
      await expect.poll(() => r.url()).toMatch(/\/review$/);
      await expectAccessible(r, 'review');
      await r.getByRole('button', { name: 'Подати заяву' }).click();
      await expect.poll(() => r.url()).toMatch(/\/acknowledgement$/);
      await expectAccessible(r, 'acknowledgement');
      const number = await r.locator('#registration-number').innerText();
      expect(number).toMatch(/^СП-\d{4}-\d{6}$/);
      const id = /\/cabinet\/applications\/([0-9a-f-]{36})\//.exec(r.url())![1];

      // A worker takes it into review and asks for one more document.
      const w = await pageOf({ username: 'worker' });
      await w.goto(t.baseUrl + '/applications');
      await expectAccessible(w, 'queue');
      await w.getByRole('link', { name: number }).click();
      await expectAccessible(w, 'application (registered)');
      await w.getByRole('link', { name: 'Документи заяви' }).click();
      // Only the passport: the application form is filled in with the office, not uploaded.
      expect(await w.locator('#application-documents tbody tr').count()).toBe(1);
      await expectAccessible(w, 'documents of the application');
      await w.getByRole('link', { name: 'Повернутися до заяви' }).click();
      await w.getByRole('button', { name: 'Почати розгляд' }).click();
      await expect.poll(() => w.locator('#status').innerText()).toBe('На розгляді');
      await w.getByRole('button', { name: 'Запитати документи' }).click();
      await expect.poll(() => w.getByText('Вкажіть, які документи потрібні').first().isVisible()).toBe(true);
      await expectAccessible(w, 'request for documents with errors');
      const due = addDays(kyivToday(), 10).split('-');
      await w.getByLabel('Які документи потрібні').fill('Довідка про склад сім’ї');
      await w.locator('#dueOn-day').fill(due[2]);
      await w.locator('#dueOn-month').fill(due[1]);
      await w.locator('#dueOn-year').fill(due[0]);
      await w.getByRole('button', { name: 'Запитати документи' }).click();
      await expect.poll(() => w.locator('#status').innerText()).toBe('Потребує доповнення');
      await expectAccessible(w, 'application (needs documents)');

      // The resident is told by e-mail, sees the request in the cabinet and sends the document.
      await expect
        .poll(() => smtp.mailsTo(RESIDENT).some((m) => m.subject === `Заява № ${number}: потрібні документи`), {
          timeout: 15_000,
        })
        .toBe(true);
      const mail = smtp.mailsTo(RESIDENT).find((m) => m.subject === `Заява № ${number}: потрібні документи`)!;
      expect(mail.text).toContain('Довідка про склад сім’ї');
      expect(mail.text).toContain(due.slice().reverse().join('.'));
      await r.goto(`${t.baseUrl}/cabinet/applications/${id}`);
      expect(await r.locator('#requested-documents').innerText()).toContain('Довідка про склад сім’ї');
      expect(await r.locator('#document-request').innerText()).toContain(due.slice().reverse().join('.'));
      await expectAccessible(r, 'my application with a request for documents');
      await r.getByRole('button', { name: 'Надіслати документи' }).click();
      await expect.poll(() => r.getByText('Додайте файл для «Довідка про склад сім’ї»').first().isVisible()).toBe(true);
      await expectAccessible(r, 'request for documents: no file chosen');
      await r
        .getByLabel('Файл: Довідка про склад сім’ї')
        .setInputFiles({ name: 'sklad.exe.pdf', mimeType: 'application/pdf', buffer: SAMPLE.exe });
      await r.getByRole('button', { name: 'Надіслати документи' }).click();
      await expect
        .poll(() =>
          r
            .getByText(/має бути PDF, JPEG або PNG/)
            .first()
            .isVisible(),
        )
        .toBe(true);
      await expectAccessible(r, 'request for documents: a program instead of a PDF');
      await r
        .getByLabel('Файл: Довідка про склад сім’ї')
        .setInputFiles({ name: 'sklad.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf });
      await r.getByRole('button', { name: 'Надіслати документи' }).click();
      await expect.poll(() => r.getByText('Документи надіслано. Розгляд заяви продовжено.').isVisible()).toBe(true);
      expect(await r.locator('#status').innerText()).toBe('На розгляді');
      expect(await r.locator('#attachments').innerText()).toContain('Довідка про склад сім’ї: sklad.pdf');
      await expectAccessible(r, 'my application after sending the document');

      // The manager sees the new document and grants the service.
      const m = await pageOf({ username: 'manager' });
      await m.goto(`${t.baseUrl}/applications/${id}/documents`);
      expect(await m.locator('#application-documents').innerText()).toContain('sklad.pdf');
      await expectAccessible(m, 'documents with the one sent on request');
      await m.getByRole('link', { name: 'Повернутися до заяви' }).click();
      await m.getByLabel('Результат оцінювання потреб, надавач (необов’язково)').fill('Потребу підтверджено');
      await m.getByRole('button', { name: 'Надати послугу' }).click();
      await expect.poll(() => m.locator('#status').innerText()).toBe('Надано');
      await expectAccessible(m, 'application (granted)');

      // The resident downloads the decision, and its verification address confirms it.
      await r.goto(`${t.baseUrl}/cabinet/applications/${id}`);
      await expectAccessible(r, 'my application with the decision');
      const [download] = await Promise.all([
        r.waitForEvent('download'),
        r.getByRole('link', { name: 'Завантажити рішення (PDF)' }).click(),
      ]);
      const pdf = fs.readFileSync(await download.path());
      const text = pdfText(pdf).text;
      expect(text).toContain(`${number}/Р`);
      const url = /Перевірити документ: (\S+)/.exec(text)?.[1];
      expect(url).toMatch(/\/verify\/[A-Za-z0-9_-]{22}$/);
      const v = await (await browser.newContext()).newPage();
      await v.goto(url!);
      expect(await v.locator('#verify-result').innerText()).toBe('Документ дійсний');
      expect(await v.locator('#decision-number').innerText()).toBe(`${number}/Р`);
      const shown = await v.locator('main').innerText();
      for (const personal of ['Журбенко', 'Олена', 'Соціальний супровід', RESIDENT])
        expect(shown).not.toContain(personal);
      await expectAccessible(v, 'verification page');
      await v.goto(url!.replace(/[A-Za-z0-9_-]{22}$/, 'A'.repeat(22)));
      expect(await v.locator('#verify-result').innerText()).toContain('не знайдено');
      await expectAccessible(v, 'verification page: unknown code');
      for (const p of [r, w, m, v]) await p.context().close();
    },
  );

  it('a starosta registers a walk-in application for a person found by the ID card’s MRZ and prints the receipt', async () => {
    const district = await starostaDistrict(t);
    const person = await createPerson({
      services: t.services,
      actor: await workerActor(t, hromadaId),
      confirm: true,
      input: {
        lastName: 'Шевченко',
        firstName: 'Оксана',
        birthDate: '2000-01-01',
        sex: 'female',
        unzr: '20000101-12346',
        settlementCode: district.inside,
      },
    });
    expect(person.kind).toBe('created');

    const s = await pageOf({ username: 'starosta' });
    await s.goto(t.baseUrl + '/applications/new');
    await expectAccessible(s, 'intake');
    const field = s.getByLabel('Або зчитайте ID-картку (МЗЧ)');
    // A misread character: the check digit of the document number no longer matches.
    await field.fill([MRZ[0].replace('0001234565', '0001234564'), MRZ[1], MRZ[2]].join('\n'));
    await s.getByRole('button', { name: 'Зчитати ID-картку' }).click();
    await expect
      .poll(() => s.locator('.govuk-error-summary').innerText())
      .toContain('Контрольна цифра номера документа не збігається');
    expect(await s.locator('#mrz-error').innerText()).toContain('Контрольна цифра номера документа не збігається');
    await expectAccessible(s, 'intake: MRZ with a wrong check digit');
    await s.getByLabel('Або зчитайте ID-картку (МЗЧ)').fill(MRZ.join('\n'));
    await s.getByRole('button', { name: 'Зчитати ID-картку' }).click();
    await expect.poll(() => s.locator('#candidates caption').innerText()).toBe('Знайдено за даними ID-картки');
    await expectAccessible(s, 'intake: found by MRZ');
    await s.getByRole('link', { name: /Обрати.*Шевченко Оксана/ }).click();
    await expectAccessible(s, 'intake: choose the service');
    await s.getByLabel('Догляд вдома', { exact: true }).check();
    await s.getByRole('button', { name: 'Зареєструвати заяву' }).click();
    await expect.poll(() => s.url()).toMatch(/\/receipt$/);
    await expectAccessible(s, 'receipt');
    const number = await s.locator('#registration-number').innerText();
    expect(number).toMatch(/^СП-\d{4}-\d{6}$/);

    // Printing the receipt page: the number is on the printed page.
    await s.emulateMedia({ media: 'print' });
    expect(await s.locator('#registration-number').isVisible()).toBe(true);
    const printed = await s.pdf({ format: 'A4' });
    expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
    await s.emulateMedia({ media: 'screen' });
    // And the receipt as the office's PDF document.
    const receipt = await s.request.get(`${t.baseUrl}${await s.locator('#receipt-pdf').getAttribute('href')}`);
    expect(receipt.status()).toBe(200);
    expect(pdfText(Buffer.from(await receipt.body())).text).toContain(number);
    const channel = (
      await t.owner<{ channel: string }>('SELECT channel FROM applications WHERE registration_number = $1', [number])
    ).rows[0];
    expect(channel.channel).toBe('starosta');
    await s.context().close();
  });
});
