import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { freshTotpCode } from '../helpers/login.js';
import { agency, person, service, serviceAssignment, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('service acts in Chromium', () => {
  it('a provider records a week of acts from the round page', async () => {
    const agencyId = await agency(t, { name: 'ГО «Догляд поруч» (e2e)', places: 10, hoursPerMonth: 100 });
    const u = await staffUser(t, {
      role: 'provider',
      agencyId,
      enrolled: true,
      passwordChanged: true,
      displayName: 'Оксана Доглядальниця',
    });
    const svc = (await service(t, { name: 'Догляд вдома (e2e)' })).id;
    const long = addDays(kyivToday(), -60);
    for (const [lastName, street] of [
      ['Кравчук', 'Садова'],
      ['Андрієнко', 'Лісова'],
    ]) {
      const personId = await person(t, { lastName, firstName: 'Марія', street, house: '1' });
      await serviceAssignment(t, {
        personId,
        serviceId: svc,
        agencyId,
        startedOn: long,
        assignedOn: long,
        plan: { actions: [`Купити ліки (${lastName})`] },
      });
    }

    const context = await browser.newContext();
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    // Signs in with the password and the TOTP code.
    await p.goto(`${t.baseUrl}/login`);
    await p.getByLabel("Ім'я користувача").fill(u.username);
    await p.getByLabel('Пароль').fill(TEST_CREDS.password);
    await p.getByRole('button', { name: 'Увійти' }).click();
    await p.waitForURL('**/login/totp');
    await p.getByLabel('Код підтвердження').fill(await freshTotpCode(t, u.userId, u.totpSecret));
    await p.getByRole('button', { name: 'Підтвердити' }).click();
    await p.waitForURL('**/staff');

    await p.getByRole('link', { name: 'Акти надання послуг і маршрути' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toContain('ГО «Догляд поруч» (e2e)');
    await expectAccessible(p, 'provider month');

    // The schedule: both recipients every day, at different times.
    await p.getByRole('link', { name: 'Графік відвідувань' }).click();
    await expectAccessible(p, 'visit schedule');
    for (const [n, time] of [
      [1, '09:00'],
      [2, '11:00'],
    ] as const) {
      await p.locator('#assignmentId').selectOption({ index: n });
      await p.locator('#workerId').selectOption({ label: 'Оксана Доглядальниця' });
      for (const d of ['1', '2', '3', '4', '5', '6', '7'])
        await p.locator(`input[name="weekdays"][value="${d}"]`).check();
      await p.locator('#startsAt').fill(time);
      await p.locator('#minutes').fill('45');
      await p.getByRole('button', { name: 'Додати до графіка' }).click();
      await expect.poll(() => p.locator('#schedule tbody tr').count()).toBe(n);
    }
    await expectAccessible(p, 'visit schedule with visits');

    // Today's round, phone-sized: the visits with what to do, one recorded.
    await p.setViewportSize({ width: 375, height: 740 });
    await p.goto(`${t.baseUrl}/service-acts/round`);
    await expect.poll(() => p.locator('#visits > li').count()).toBe(2);
    expect(await p.locator('#visits').innerText()).toContain('Купити ліки (Андрієнко)');
    await expectAccessible(p, 'round');
    await p.locator('#v0-submit').click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Відвідування записано');
    expect(await p.locator('#visit-0').innerText()).toContain('Акт записано');
    await expectAccessible(p, 'round after a visit');
    await p.emulateMedia({ media: 'print' });
    expect(await p.locator('#visit-1 form').isVisible()).toBe(false);
    await p.emulateMedia({ media: 'screen' });
    await p.setViewportSize({ width: 1280, height: 900 });

    // Last week at once: one bad row refuses the whole week, corrected it saves.
    await p.goto(`${t.baseUrl}/service-acts`);
    await p.getByRole('link', { name: /записати тиждень/ }).click();
    await p.getByRole('link', { name: 'Попередній тиждень' }).click();
    await expect.poll(() => p.locator('#week-rows tbody tr').count()).toBe(14);
    await expectAccessible(p, 'week of acts');
    await p.locator('#r0-take').uncheck();
    await p.locator('#r3-minutes').fill('0');
    await p.locator('#week-save').click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Рядок 4');
    await expectAccessible(p, 'week of acts with an error');
    expect(await p.locator('#r0-take').isChecked()).toBe(false);
    await p.locator('#r3-minutes').fill('50');
    await p.locator('#r5-confirmedBy').selectOption('worker');
    await p.locator('#r5-confirmReason').fill('Отримувачка в лікарні, підписала донька пізніше');
    await p.locator('#week-save').click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Акти тижня записано');
    await expectAccessible(p, 'provider month after the week');
    const n = (
      await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM service_acts WHERE worker_id = $1', [u.userId])
    ).rows[0].n;
    expect(n).toBe(1 + 13);
    await context.close();
  });
});
