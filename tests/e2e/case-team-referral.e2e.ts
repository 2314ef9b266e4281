import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { demoHromadaId, kase, person, staffUser } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

async function providerPage(agencyId: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const user = await staffUser(t, { role: 'provider', agencyId });
  const { context } = await signedInContext(t, browser, { username: user.username });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, close: () => context.close() };
}

describe('the referrals of a case in Chromium', () => {
  it('a referral is declined and re-sent to another agency, which accepts it', async () => {
    const hromadaId = await demoHromadaId(t);
    const agency = async (name: string) =>
      (
        await t.owner<{ id: number }>('INSERT INTO agencies (hromada_id, name) VALUES ($1, $2) RETURNING id', [
          hromadaId,
          name,
        ])
      ).rows[0].id;
    const first = await agency('Денний центр «Надія»');
    const second = await agency('Центр реабілітації «Крок»');
    const personId = await person(t, { lastName: 'Командна', firstName: 'Віра' });
    const k = await kase(t, { personId, typeCode: 'family_sjo' });

    const worker = await signedInContext(t, browser, { username: 'worker' });
    const w = await worker.context.newPage();
    w.setDefaultTimeout(10_000);
    await w.goto(`${t.baseUrl}/cases/${k.id}`);
    // A referral on the person's consent given now, to the first agency.
    await w.getByRole('link', { name: 'Направити', exact: true }).click();
    await expectAccessible(w, 'referral form');
    await w.getByLabel('Направлення на послугу').check();
    await w.getByLabel('Кому').selectOption({ label: 'Установа: Денний центр «Надія»' });
    await w.getByLabel('Мета направлення').fill('Денний догляд за дитиною');
    await w.getByLabel('Прізвище, ім’я, дата народження').check();
    await w.getByRole('button', { name: 'Надіслати направлення' }).click();
    await expect.poll(() => w.locator('.govuk-error-summary').innerText()).toContain('Потрібна згода особи');
    await expectAccessible(w, 'referral form with an error');
    await w.getByLabel('Особа дає згоду зараз').check();
    const today = new Date();
    await w.locator('#consentGivenOn-day').fill(String(today.getDate()));
    await w.locator('#consentGivenOn-month').fill(String(today.getMonth() + 1));
    await w.locator('#consentGivenOn-year').fill(String(today.getFullYear()));
    await w.getByRole('button', { name: 'Надіслати направлення' }).click();
    await expect.poll(() => w.locator('#case-referrals').innerText()).toContain('Очікує відповіді');

    const p1 = await providerPage(first);
    await p1.page.goto(`${t.baseUrl}/referrals`);
    await expectAccessible(p1.page, 'incoming referrals');
    await p1.page.getByRole('link', { name: 'Направлення на послугу' }).click();
    await expect.poll(() => p1.page.locator('#referral-shared').innerText()).toContain('Командна Віра');
    await expectAccessible(p1.page, 'referral page of the recipient');
    await p1.page.getByLabel('Відхилити').check();
    await p1.page.getByLabel('Причина відмови').fill('Немає вільних місць');
    await p1.page.getByRole('button', { name: 'Надіслати відповідь' }).click();
    await expect.poll(() => p1.page.locator('#referral-status').innerText()).toBe('Відхилено');
    await p1.close();

    await w.reload();
    await w.getByRole('link', { name: 'Надіслати іншому отримувачу' }).click();
    await expect.poll(() => w.locator('.govuk-inset-text').innerText()).toContain('Немає вільних місць');
    await expectAccessible(w, 'referral form to resend');
    await w.getByLabel('Кому').selectOption({ label: 'Установа: Центр реабілітації «Крок»' });
    await w.getByLabel('Згода особи, уже записана').check();
    await w.getByLabel('Згода', { exact: true }).selectOption({ index: 1 });
    await w.getByRole('button', { name: 'Надіслати направлення' }).click();
    await expect.poll(() => w.locator('#case-referrals').innerText()).toContain('Центр реабілітації «Крок»');

    const p2 = await providerPage(second);
    await p2.page.goto(`${t.baseUrl}/referrals`);
    await p2.page.getByRole('link', { name: 'Направлення на послугу' }).click();
    await p2.page.getByLabel('Прийняти').check();
    await p2.page.getByRole('button', { name: 'Надіслати відповідь' }).click();
    await expect.poll(() => p2.page.locator('#referral-status').innerText()).toBe('Прийнято');
    await p2.close();

    await w.reload();
    await expect.poll(() => w.locator('#case-timeline').innerText()).toContain('Направлення прийняв(-ла)');
    await w.goto(`${t.baseUrl}/referrals`);
    await expectAccessible(w, 'incoming referrals, empty');
    await worker.context.close();
  });
});
