import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { linkResident, SAMPLE, starostaDistrict } from '../helpers/cabinet.js';
import { workerActor } from '../helpers/staff-actor.js';
import { pdfText } from '../integration/subject-report.pdf-text.js';
import { demoHromadaId, service } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';
import { createPerson } from '../../src/modules/persons-web/use-cases/create-person.js';

/**
 * Issue 9, items 16, 18 and 19 in Chromium with axe: the online form marks required documents and
 * keeps attached files after an error; the front office adds a person from the intake, comes back,
 * registers and attaches a scan; anyone with the receipt checks the status on /status.
 */
const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
let hromadaId: number;
beforeAll(async () => {
  ({ t, browser } = app);
  hromadaId = await demoHromadaId(t);
});

async function pageOf(who: { username?: string; email?: string }): Promise<Page> {
  const { context } = await signedInContext(t, browser, who);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe('required documents on the online form (item 16)', () => {
  it('marks them, does not ask for the office-filled application, and keeps the attached file after an error', async () => {
    const email = 'e2e.dokumenty@example.com';
    const person = await createPerson({
      services: t.services,
      actor: await workerActor(t, hromadaId),
      confirm: true,
      input: { lastName: 'Документівна', firstName: 'Олена', birthDate: '1950-04-12', sex: 'female' },
    });
    if (person.kind !== 'created') throw new Error('person not created');
    await linkResident(t, email, person.id);
    const homeCare = (
      await t.owner<{ id: string }>("SELECT id FROM services WHERE code = '015.1' AND hromada_id = $1", [hromadaId])
    ).rows[0].id;

    const r = await pageOf({ email });
    await r.goto(`${t.baseUrl}/cabinet/apply/${homeCare}`);
    await expectAccessible(r, 'online form with document kinds');
    expect(await r.locator('#docs-with-office').innerText()).toContain('Заява про надання соціальних послуг');
    expect(await r.getByLabel('Файл: Заява про надання').count()).toBe(0);
    expect(await r.locator('.tb-doc-kind').first().innerText()).toMatch(/обов’язковий/i);

    await r
      .getByLabel('Файл: Паспорт')
      .setInputFiles({ name: 'pasport.pdf', mimeType: 'application/pdf', buffer: SAMPLE.pdf });
    await r.getByRole('button', { name: 'Перевірити заяву' }).click();
    await expect.poll(() => r.getByText('Уже додано: pasport.pdf').isVisible()).toBe(true);
    await expectAccessible(r, 'online form after an error, the file kept');
    expect(await r.locator('.govuk-error-summary').innerText()).toContain('дайте згоду');
    expect(await r.getByLabel('Прибрати файл pasport.pdf').isVisible()).toBe(true);

    await r
      .getByLabel('Файл: Висновок лікаря')
      .setInputFiles({ name: 'vysnovok.png', mimeType: 'image/png', buffer: SAMPLE.png });
    await r.getByLabel(/Я погоджуюся на обробку/).check();
    await r.getByRole('button', { name: 'Перевірити заяву' }).click();
    await expect.poll(() => r.url()).toMatch(/\/review$/);
    await expectAccessible(r, 'review with both files');
    expect(await r.locator('main').innerText()).toContain('pasport.pdf');
    await r.getByRole('button', { name: 'Подати заяву' }).click();
    await expect.poll(() => r.url()).toMatch(/\/acknowledgement$/);
    await r.context().close();
  });
});

describe('a walk-in: new person from the intake, registration, scans, status check (items 18 and 19)', () => {
  it(
    'the front office comes back to the intake, registers, attaches a scan; the receipt’s code shows the status publicly',
    { timeout: 180_000 },
    async () => {
      await service(t, { name: 'Денний догляд (e2e скани)', channels: ['front_office', 'starosta'] });
      const f = await pageOf({ username: 'frontdesk' });
      await f.goto(`${t.baseUrl}/applications/new`);
      await f.getByLabel('Знайдіть заявника в реєстрі').fill('Прийомна Зоя');
      await f.getByRole('button', { name: 'Знайти' }).click();
      await f.getByRole('link', { name: 'Додати особу' }).click();
      await expect.poll(() => f.url()).toMatch(/\/persons\/new\?then=intake$/);
      await expectAccessible(f, 'person form opened from the intake');
      expect(await f.locator('#intake-return').innerText()).toContain('Повернутися до реєстрації заяви');
      await f.locator('#lastName').fill('Прийомна');
      await f.locator('#firstName').fill('Зоя');
      await f.locator('#birthDate-day').fill('14');
      await f.locator('#birthDate-month').fill('02');
      await f.locator('#birthDate-year').fill('1947');
      await f.getByLabel('жіноча').check();
      await f.locator('#rnokppAbsence').selectOption('refused');
      await f.getByRole('button', { name: 'Зберегти' }).click();
      if (await f.locator('#confirmation').count()) {
        await f.getByLabel(/Я перевірив/).check();
        await f.getByRole('button', { name: 'Зберегти' }).click();
      }
      await expect.poll(() => f.url()).toMatch(/\/applications\/new\?personId=[0-9a-f-]{36}$/);
      await expectAccessible(f, 'intake: service step after adding the person');
      await f.getByLabel('Денний догляд (e2e скани)').check();
      await f.getByRole('button', { name: 'Зареєструвати заяву' }).click();
      await expect.poll(() => f.url()).toMatch(/\/receipt$/);
      const number = await f.locator('#registration-number').innerText();
      const appUrl = f.url().replace(/\/receipt$/, '');

      await f.getByRole('link', { name: 'Додати скановані документи' }).click();
      await expectAccessible(f, 'documents page with the scan form');
      await f.getByLabel('Що це за документ').selectOption({ label: 'Інший документ' });
      await f.getByLabel(/Назва іншого документа/).fill('Паспорт (скан)');
      await f
        .getByLabel('Сканований файл')
        .setInputFiles({ name: 'pasport.hta', mimeType: 'application/hta', buffer: SAMPLE.pdf });
      await f.getByRole('button', { name: 'Додати скан' }).click();
      await expect.poll(() => f.getByText('Скан додано до заяви.').isVisible()).toBe(true);
      await expectAccessible(f, 'documents page after the scan');
      expect(await f.locator('#application-documents').innerText()).toContain('pasport.hta');
      await f
        .getByLabel('Сканований файл')
        .setInputFiles({ name: 'virus.pdf', mimeType: 'application/pdf', buffer: SAMPLE.exe });
      await f.getByRole('button', { name: 'Додати скан' }).click();
      await expect.poll(() => f.locator('.govuk-error-summary').isVisible()).toBe(true);
      await expectAccessible(f, 'scan refused by content');

      // The receipt PDF carries the check code.
      const pdf = await f.request.get(`${appUrl}/receipt.pdf`);
      const text = pdfText(Buffer.from(await pdf.body())).text;
      const code = /([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})/.exec(text)![1];
      await f.context().close();

      // Anyone with the receipt: the public page, without signing in.
      const context = await browser.newContext();
      const p = await context.newPage();
      p.setDefaultTimeout(15_000);
      await p.goto(`${t.baseUrl}/`);
      await p.getByRole('link', { name: 'Перевірити стан заяви' }).click();
      await expectAccessible(p, 'status check form');
      await p.getByRole('button', { name: 'Перевірити' }).click();
      await expect.poll(() => p.locator('.govuk-error-summary').isVisible()).toBe(true);
      await expectAccessible(p, 'status check with errors');
      await p.getByLabel('Реєстраційний номер').fill(number);
      await p.getByLabel('Код перевірки').fill('22222-22222');
      await p.getByRole('button', { name: 'Перевірити' }).click();
      await expect.poll(() => p.locator('#status-result').innerText()).toContain('Заяву не знайдено');
      await expectAccessible(p, 'status check: not found');
      await p.getByLabel('Код перевірки').fill(code.toLowerCase());
      await p.getByRole('button', { name: 'Перевірити' }).click();
      await expect.poll(() => p.locator('#status-result').innerText()).toBe(`Заява ${number}`);
      await expectAccessible(p, 'status check: found');
      const main = await p.locator('main').innerText();
      expect(main).toContain('Денний догляд (e2e скани)');
      expect(main).toContain('Зареєстровано');
      expect(main).not.toContain('Прийомна');
      await context.close();
    },
  );

  it('the starosta’s person form lists only the settlements of the district', async () => {
    const { inside, outside } = await starostaDistrict(t);
    const s = await pageOf({ username: 'starosta' });
    await s.goto(`${t.baseUrl}/persons/new?then=intake`);
    await expectAccessible(s, 'starosta person form');
    const values = await s
      .locator('#settlementCode option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(values).toContain(inside);
    expect(values).not.toContain(outside);
    await s.context().close();
  });
});
