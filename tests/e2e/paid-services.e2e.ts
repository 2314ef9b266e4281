import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { agency, person, resident, service, serviceAct } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('paid services in Chromium', () => {
  it('the manager sets a tariff, runs the month’s invoices and opens a PDF; the resident sees the invoice in the cabinet', async () => {
    const provider = await agency(t, { name: 'ГО «Добрі руки» (e2e)' });
    const care = await service(t, { name: 'Догляд вдома платний (e2e)', cost: 'paid', providers: [provider] });
    const personId = await person(t, { lastName: 'Рахункова', firstName: 'Марія', birthDate: '1943-05-06' });
    await serviceAct(t, { personId, serviceId: care.id, agencyId: provider, actDate: '2026-03-03', minutes: 90 });
    await serviceAct(t, { personId, serviceId: care.id, agencyId: provider, actDate: '2026-03-10', minutes: 90 });
    const account = await resident(t, { persons: [personId] });

    const { context } = await signedInContext(t, browser, { username: 'manager' });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Платні послуги: рахунки' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Рахунки за соціальні послуги');
    // No payee details yet: the manager is told that invoices could not be paid, with the way to the settings.
    expect(await p.locator('#payee-missing').innerText()).toContain('у рахунках не буде IBAN чи коду ЄДРПОУ');
    await expectAccessible(p, 'invoices');

    // The settings page shows the dated rules and warns that the defaults must be checked.
    await p.locator('#settings-link').click();
    await expect.poll(() => p.locator('h1').innerText()).toBe('Правила оплати і реквізити');
    expect(await p.locator('.govuk-warning-text').innerText()).toContain('постанова КМУ № 429');
    await expectAccessible(p, 'payment rules');
    await p.goto(`${t.baseUrl}/paid-services/tariffs`);
    await p.locator('#agencyId').selectOption({ label: 'ГО «Добрі руки» (e2e)' });
    await p.locator('#serviceId').selectOption({ label: 'Догляд вдома платний (e2e)' });
    await p.locator('#price').fill('40,00');
    await p.locator('#validFrom').fill('01.01.2026');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#tariffs').innerText()).toContain('ГО «Добрі руки» (e2e)');
    await expectAccessible(p, 'tariffs');

    await p.goto(`${t.baseUrl}/paid-services`);
    await p.locator('#month').fill('2026-03');
    await p.locator('#agencyId').selectOption({ label: 'ГО «Добрі руки» (e2e)' });
    await p.getByRole('button', { name: 'Сформувати рахунки' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('нових — 1');
    // 3 h × 40,00 = 120,00
    expect(await p.locator('#invoices').innerText()).toContain('120,00');
    await expectAccessible(p, 'invoices of the month');
    await p.locator('#invoices a').first().click();
    await expect.poll(() => p.locator('h1').innerText()).toContain('Рахунок №');
    // The invoice page warns too, and leads the manager to the details.
    expect(await p.locator('#payee-missing a').getAttribute('href')).toBe('/paid-services/settings');
    await expectAccessible(p, 'invoice');
    const href = await p.locator('#invoice-pdf').getAttribute('href');
    const pdf = await p.request.get(`${t.baseUrl}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();

    const res = await signedInContext(t, browser, { email: account.email });
    const r = await res.context.newPage();
    r.setDefaultTimeout(10_000);
    await r.goto(`${t.baseUrl}/cabinet`);
    await r.getByRole('link', { name: 'Оплата послуг' }).click();
    await expect.poll(() => r.getByRole('heading', { name: 'Оплата послуг', level: 1 }).isVisible()).toBe(true);
    const invoices = await r.locator('#my-invoices').innerText();
    expect(invoices).toContain('120,00');
    expect(invoices).toContain('Не сплачено');
    expect(invoices).toContain('Громада ще не внесла реквізити для оплати'); // none were set in this journey
    expect(await r.locator('#my-acts').innerText()).toContain('03.03.2026');
    await expectAccessible(r, 'cabinet invoices');
    const mine = await r.locator('#my-invoices a').first().getAttribute('href');
    const own = await r.request.get(`${t.baseUrl}${mine ?? ''}`);
    expect(own.headers()['content-type']).toBe('application/pdf');
    await res.context.close();
  });
});
