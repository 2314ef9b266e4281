import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { demoHromadaId, kase, person, userId } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('workloads in Chromium', () => {
  it('a worker opens «Моє навантаження» from the staff home; a manager the caseload of the workers', async () => {
    const personId = await person(t, { lastName: 'Навантажена', firstName: 'Олена' });
    const k = await kase(t, { personId });
    await t.owner(
      `INSERT INTO case_plans (hromada_id, case_id, status, review_on, submitted_at, submitted_by, updated_by)
       VALUES ($1, $2, 'submitted', $3, now(), $4, $4)`,
      [await demoHromadaId(t), k.id, addDays(kyivToday(), -2), await userId(t, 'worker')],
    );

    const worker = await signedInContext(t, browser, { username: 'worker' });
    const w = await worker.context.newPage();
    w.setDefaultTimeout(10_000);
    await w.goto(`${t.baseUrl}/staff`);
    await w.getByRole('link', { name: 'Моє навантаження' }).click();
    await expect.poll(() => w.locator('#workload-reviews').innerText()).toContain(k.number);
    await expect.poll(() => w.locator('#workload-approvals').innerText()).toContain('Навантажена Олена');
    await expectAccessible(w, 'my workload');
    await worker.context.close();

    const manager = await signedInContext(t, browser, { username: 'manager' });
    const m = await manager.context.newPage();
    m.setDefaultTimeout(10_000);
    await m.goto(`${t.baseUrl}/staff`);
    await m.getByRole('link', { name: 'Навантаження фахівців і погодження' }).click();
    await expect.poll(() => m.locator('#caseload-workers').isVisible()).toBe(true);
    await expect.poll(() => m.locator('#caseload-approvals').innerText()).toContain(k.number);
    await expect.poll(() => m.locator('#caseload-overdue').innerText()).toContain(k.number);
    await expectAccessible(m, 'caseload of workers');
    await m.getByRole('link', { name: 'Статистика випадків' }).click();
    await expect.poll(() => m.locator('#case-statistics').isVisible()).toBe(true);
    await expectAccessible(m, 'case statistics');
    await manager.context.close();
  });
});
