import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { application, demoHromadaId, linkPerson, person, residentId, service } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('hand-over to a provider in Chromium', () => {
  it('the manager grants and chooses the provider; the provider accepts and completes; the resident sees «Отримані послуги»', async () => {
    const hromadaId = await demoHromadaId(t);
    const agencies = (
      await t.owner<{ id: number; name: string }>(
        `SELECT id, name FROM agencies WHERE hromada_id = $1 AND name IN ('Територіальний центр соціального обслуговування', 'Центр соціальних служб')`,
        [hromadaId],
      )
    ).rows;
    expect(agencies).toHaveLength(2);
    const personId = await person(t, { lastName: 'Послугенко', firstName: 'Олена' });
    await linkPerson(t, await residentId(t), personId);
    const svc = await service(t, {
      name: 'Догляд вдома (e2e)',
      channels: ['front_office'],
      providers: agencies.map((a) => a.id),
    });
    const app = await application(t, {
      personId,
      serviceId: svc.id,
      status: 'in_review',
      registrationNumber: 'СП-2026-900001',
      processingDays: 10,
    });

    // The manager grants and, the service having two providers, chooses one.
    const manager = await signedInContext(t, browser, { username: 'manager' });
    const m = await manager.context.newPage();
    m.setDefaultTimeout(10_000);
    await m.goto(`${t.baseUrl}/applications/${app}`);
    await m.getByRole('button', { name: 'Надати послугу' }).click();
    await expect.poll(() => m.locator('#status').innerText()).toBe('Надано');
    await expect.poll(() => m.locator('#provider-none').isVisible()).toBe(true);
    await expectAccessible(m, 'granted application without a provider');
    await m.getByRole('button', { name: 'Призначити надавача', exact: true }).click();
    await expect.poll(() => m.getByText('Оберіть надавача', { exact: true }).first().isVisible()).toBe(true);
    await expectAccessible(m, 'provider choice with an error');
    await m.getByLabel('Територіальний центр соціального обслуговування').check();
    await m.getByLabel('Примітки управління для надавача').fill('Дзвонити доньці перед візитом');
    await m.getByRole('button', { name: 'Призначити надавача', exact: true }).click();
    await expect.poll(() => m.locator('#provider-status').innerText()).toBe('Призначено');
    await expectAccessible(m, 'application with its provider');
    await manager.context.close();

    // The provider accepts, starts and completes.
    const provider = await signedInContext(t, browser, { username: 'provider' });
    const p = await provider.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Призначені послуги' }).click();
    await expectAccessible(p, 'assigned services');
    await p.getByRole('link', { name: 'Послугенко Олена' }).click();
    await expect.poll(() => p.getByText('Дзвонити доньці перед візитом').first().isVisible()).toBe(true);
    await expectAccessible(p, 'assignment (assigned)');
    await p.getByRole('button', { name: 'Прийняти призначення' }).click();
    await expect.poll(() => p.locator('#status').innerText()).toBe('Прийнято надавачем');
    await expectAccessible(p, 'assignment (accepted)');
    await p.getByRole('link', { name: 'Відмовитися від призначення' }).click();
    await expectAccessible(p, 'decline confirmation');
    await p.getByRole('button', { name: 'Так, відмовитися' }).click();
    await expect.poll(() => p.getByText('Вкажіть причину відмови').first().isVisible()).toBe(true);
    await expectAccessible(p, 'decline without a reason');
    await p.getByRole('link', { name: 'Скасувати' }).click();
    await p.getByRole('button', { name: 'Розпочати надання' }).click();
    await expect.poll(() => p.locator('#status').innerText()).toBe('Надається');
    await expectAccessible(p, 'assignment (in progress)');
    await p.getByLabel('Що зроблено (необов’язково)').fill('Проведено 4 візити');
    await p.getByRole('button', { name: 'Завершити надання' }).click();
    await expect.poll(() => p.locator('#status').innerText()).toBe('Завершено');
    await expectAccessible(p, 'assignment (completed)');
    await provider.context.close();
    expect(
      (await t.owner<{ status: string }>('SELECT status FROM applications WHERE id = $1', [app])).rows[0].status,
    ).toBe('completed');

    // The resident sees the service received.
    const res = await signedInContext(t, browser, { email: 'resident@example.com' });
    const r = await res.context.newPage();
    r.setDefaultTimeout(10_000);
    await r.goto(`${t.baseUrl}/cabinet`);
    await r.getByRole('link', { name: 'Отримані послуги' }).click();
    await expect.poll(() => r.getByRole('heading', { name: 'Отримані послуги' }).isVisible()).toBe(true);
    const table = await r.locator('#my-services').innerText();
    expect(table).toContain('Догляд вдома (e2e)');
    expect(table).toContain('Територіальний центр соціального обслуговування');
    expect(table).toContain('Завершено');
    await expectAccessible(r, 'services received');
    await res.context.close();
  });
});
