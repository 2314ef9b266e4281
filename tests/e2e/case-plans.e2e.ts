import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { kase, person, service } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

const [y, m, d] = kyivToday().split('-');

describe('the individual plan in Chromium', () => {
  it('a worker builds a plan, the supervisor returns it once and approves it, the provider sees the assignment', async () => {
    const agencyId = (
      await t.owner<{ agency_id: number }>(
        "SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'provider'",
      )
    ).rows[0].agency_id;
    const svc = await service(t, { name: 'Догляд вдома (план e2e)', providers: [agencyId] });
    const k = await kase(t, { personId: await person(t, { lastName: 'Планова', firstName: 'Марія' }), by: 'worker' });

    const worker = await signedInContext(t, browser, { username: 'worker' });
    const w = await worker.context.newPage();
    w.setDefaultTimeout(10_000);
    await w.goto(`${t.baseUrl}/cases/${k.id}`);
    await w.getByRole('link', { name: 'Скласти план' }).click();
    await expect.poll(() => w.locator('h1').innerText()).toBe('Індивідуальний план');
    await expectAccessible(w, 'plan form');

    // A deadline before the case opened comes back with the error.
    await w.locator('#i0-kind').selectOption('goal');
    await w.locator('#i0-text').fill('Жити вдома безпечно');
    const [py, pm, pd] = addDays(kyivToday(), -2).split('-');
    await w.locator('#i0-dueOn-day').fill(pd);
    await w.locator('#i0-dueOn-month').fill(pm);
    await w.locator('#i0-dueOn-year').fill(py);
    await w.locator('#i1-kind').selectOption('service');
    await w.locator('#i1-serviceId').selectOption(svc.id);
    await w.locator('#i1-agencyId').selectOption(String(agencyId));
    await w.locator('#personWords').fill('Хочу лишатися вдома');
    await w.getByRole('button', { name: 'Зберегти план' }).click();
    await expect.poll(() => w.locator('.govuk-error-summary').innerText()).toContain('раніше відкриття випадку');
    await expectAccessible(w, 'plan form with an error');
    await w.locator('#i0-dueOn-day').fill(d);
    await w.locator('#i0-dueOn-month').fill(m);
    await w.locator('#i0-dueOn-year').fill(y);
    await w.locator('#agreedOn-day').fill(d);
    await w.locator('#agreedOn-month').fill(m);
    await w.locator('#agreedOn-year').fill(y);
    await w.getByLabel('особисто').check();
    await w.getByRole('button', { name: 'Зберегти план' }).click();
    await expect.poll(() => w.locator('#plan-items').innerText()).toContain('Догляд вдома (план e2e)');
    await expectAccessible(w, 'case page with a plan');
    await w.getByRole('button', { name: 'Подати план на погодження' }).click();
    await expect.poll(() => w.locator('#plan-status').innerText()).toContain('Очікує погодження');

    // The supervisor returns it with a comment.
    const manager = await signedInContext(t, browser, { username: 'manager' });
    const s = await manager.context.newPage();
    s.setDefaultTimeout(10_000);
    await s.goto(`${t.baseUrl}/cases/${k.id}`);
    await expectAccessible(s, 'case page for the supervisor');
    await s.getByRole('button', { name: 'Повернути з коментарем' }).first().click();
    await expect.poll(() => s.locator('.govuk-error-summary').innerText()).toContain('Напишіть коментар');
    await expectAccessible(s, 'return without a comment');
    await s.locator('#comment').fill('Вкажіть відповідального за мету');
    await s.getByRole('button', { name: 'Повернути з коментарем' }).first().click();
    await expect.poll(() => s.locator('#plan-status').innerText()).toContain('Повернуто на доопрацювання');

    // The worker sees the comment, names the responsible, submits again.
    await w.goto(`${t.baseUrl}/cases/${k.id}`);
    await expect.poll(() => w.locator('#plan-return-comment').innerText()).toBe('Вкажіть відповідального за мету');
    await w.getByRole('link', { name: 'Змінити план' }).click();
    await w.locator('#i0-responsibleText').fill('донька Олена');
    await w.getByRole('button', { name: 'Зберегти план' }).click();
    await expect.poll(() => w.locator('#plan-items').innerText()).toContain('донька Олена');
    await w.getByRole('button', { name: 'Подати план на погодження' }).click();
    await expect.poll(() => w.locator('#plan-status').innerText()).toContain('Очікує погодження');

    // The supervisor approves: the service goes to the provider.
    await s.goto(`${t.baseUrl}/cases/${k.id}`);
    await s.getByRole('button', { name: 'Погодити план' }).click();
    await expect.poll(() => s.locator('#plan-status').innerText()).toContain('Погоджено');
    await expect.poll(() => s.locator('#plan-items').innerText()).toContain('Призначення надавачу');
    await expectAccessible(s, 'approved plan');

    // The provider finds it in the list and opens it: no application number, the case's plan instead.
    const provider = await signedInContext(t, browser, { username: 'provider' });
    const p = await provider.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/assignments`);
    await expectAccessible(p, 'provider list');
    await p.getByRole('link', { name: 'Планова Марія' }).first().click();
    await expect.poll(() => p.locator('#source').innerText()).toContain(k.number);
    await expectAccessible(p, 'provider assignment');
    await worker.context.close();
    await manager.context.close();
    await provider.context.close();
  });
});
