import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { office, resident, service } from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

const tomorrow = addDays(kyivToday(), 1);

describe('visits in Chromium (issue 14)', () => {
  it('a resident books a visit (service → place → time), sees it, and cancels it after confirming', async () => {
    const svc = (await service(t, { name: 'Консультація соціального працівника' })).id;
    await office(t, { name: 'ЦНАП (браузер)', services: [{ serviceId: svc, slotMinutes: 30 }] });
    const r = await resident(t, { name: 'Оксана Записана' });
    const { context } = await signedInContext(t, browser, { email: r.email });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/cabinet`);
    await p.getByRole('link', { name: 'Мої записи на прийом' }).click();
    await expectAccessible(p, 'my visits, none yet');
    await p.getByRole('button', { name: 'Записатися на прийом' }).click();
    await p.getByLabel('Яка послуга вам потрібна?').selectOption({ label: 'Консультація соціального працівника' });
    await p.getByRole('button', { name: 'Далі' }).click();
    await p.getByLabel(/ЦНАП \(браузер\)/).check();
    await p.getByRole('button', { name: 'Далі' }).click();
    await expectAccessible(p, 'visit picker with times');
    // Booking without choosing a time shows the error summary.
    await p.getByRole('button', { name: 'Записатися', exact: true }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Оберіть вільний час');
    await expectAccessible(p, 'visit picker with an error');
    const day = p.getByRole('group', { name: new RegExp(displayDate(tomorrow)) });
    await day.getByLabel('10:00').check();
    await p.getByRole('button', { name: 'Записатися', exact: true }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Ви записали на прийом');
    expect(await p.locator('#visit').innerText()).toContain(`${displayDate(tomorrow)} о 10:00`);
    await expectAccessible(p, 'my visit');
    await p.getByRole('link', { name: 'Скасувати запис' }).click();
    await expectAccessible(p, 'cancel confirmation');
    await p.getByRole('button', { name: 'Так, скасувати' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Запис скасовано');
    expect(await p.locator('#no-upcoming').innerText()).toContain('Майбутніх записів немає');
    expect(await p.locator('#past').innerText()).toContain('Скасовано');
    await expectAccessible(p, 'my visits after cancelling');
    await context.close();
  });

  it('the front office books a caller and finds the visit in the day list; the manager sees the office', async () => {
    const svc = (await service(t, { name: 'Оформлення довідки' })).id;
    const officeId = await office(t, { name: 'ЦНАП (день у браузері)', services: [{ serviceId: svc, seats: 2 }] });
    const fd = await signedInContext(t, browser, { username: 'frontdesk' });
    const p = await fd.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Записи на прийом' }).click();
    await expectAccessible(p, 'day list');
    await p.getByRole('button', { name: 'Записати на прийом' }).click();
    await p.getByLabel('Місце прийому').selectOption(officeId);
    await p.getByRole('button', { name: 'Далі' }).click();
    await p.getByLabel('Послуга').selectOption({ label: 'Оформлення довідки' });
    await p.getByRole('button', { name: 'Далі' }).click();
    await expectAccessible(p, 'staff booking picker');
    await p
      .getByRole('group', { name: new RegExp(displayDate(tomorrow)) })
      .getByLabel('09:00')
      .check();
    await p.getByLabel('Прізвище та ім’я').fill('Мельник Степан');
    await p.getByLabel('Телефон (необов’язково)').fill('050 765 43 21');
    await p.getByRole('button', { name: 'Записати', exact: true }).click();
    await expect.poll(() => p.locator('#visit').innerText()).toContain('Мельник Степан');
    await expectAccessible(p, 'staff visit page');
    await p.goto(`${t.baseUrl}/appointments?date=${tomorrow}&officeId=${officeId}`);
    expect(await p.locator('#day-list').innerText()).toContain('Мельник Степан');
    await fd.context.close();

    const m = await signedInContext(t, browser, { username: 'manager' });
    const q = await m.context.newPage();
    await q.goto(`${t.baseUrl}/offices`);
    await expectAccessible(q, 'offices');
    await q.getByRole('link', { name: 'ЦНАП (день у браузері)' }).click();
    expect(await q.locator('#office-services').innerText()).toContain('Оформлення довідки');
    await expectAccessible(q, 'office page');
    await m.context.close();
  });

  it('a visitor takes a ticket at the kiosk; the console calls it and the screen shows it without reloading', async () => {
    const svc = (await service(t, { name: 'Питання щодо пенсії' })).id;
    const officeId = await office(t, { name: 'ЦНАП (черга в браузері)', windows: 3, services: [{ serviceId: svc }] });
    const kiosk = await browser.newContext();
    const k = await kiosk.newPage();
    k.setDefaultTimeout(10_000);
    await k.goto(`${t.baseUrl}/queue/${officeId}`);
    await expectAccessible(k, 'queue kiosk');
    await k.getByLabel('Питання щодо пенсії').check();
    await k.getByRole('button', { name: 'Отримати талон' }).click();
    await expect.poll(() => k.locator('#ticket').innerText()).toContain('А-001');
    await expectAccessible(k, 'queue ticket');

    const hall = await browser.newContext();
    const screen = await hall.newPage();
    screen.setDefaultTimeout(10_000);
    await screen.goto(`${t.baseUrl}/queue/${officeId}/screen`);
    expect(await screen.locator('#screen').innerText()).toContain('Зараз нікого не викликано');
    await expectAccessible(screen, 'queue screen');

    const fd = await signedInContext(t, browser, { username: 'frontdesk' });
    const p = await fd.context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/queue/${officeId}/console?window=2`);
    await expectAccessible(p, 'queue console');
    await p.getByRole('button', { name: 'Викликати наступного' }).click();
    await expect.poll(() => p.locator('#current').innerText()).toContain('А-001');
    await expectAccessible(p, 'queue console with a visitor');
    // The screen (polling its JSON) shows the ticket and its window without a reload.
    await expect.poll(() => screen.locator('#screen tbody').innerText(), { timeout: 10_000 }).toMatch(/А-001\s+2/);
    await p.getByRole('button', { name: 'Почати прийом' }).click();
    await p.getByRole('button', { name: 'Обслуговано' }).click();
    await expect.poll(() => p.locator('main').innerText()).toContain('Зараз біля вашого вікна нікого немає');
    await expect
      .poll(() => screen.locator('#screen tbody').innerText(), { timeout: 10_000 })
      .toContain('Зараз нікого не викликано');
    await fd.context.close();
    await hall.close();
    await kiosk.close();
  });

  it('a resident asks for a social-taxi ride and the dispatcher gives it a vehicle', async () => {
    const r = await resident(t, { name: 'Петро Пасажир' });
    const { context } = await signedInContext(t, browser, { email: r.email });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/cabinet`);
    await p.getByRole('link', { name: 'Соціальне таксі' }).click();
    await expectAccessible(p, 'cabinet taxi');
    await p.getByRole('button', { name: 'Замовити', exact: true }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Оберіть населений пункт громади');
    await expectAccessible(p, 'cabinet taxi with errors');
    await p.getByLabel('Населений пункт').selectOption({ index: 1 });
    await p.getByLabel('Звідки забрати').fill('вул. Миру, 5');
    await p.getByLabel('Куди везти').fill('Поліклініка, вул. Лікарняна, 3');
    await p.getByLabel('Дата', { exact: true }).fill(displayDate(tomorrow));
    await p.getByLabel('Час', { exact: true }).fill('10:15');
    await p.getByLabel(/кріслі колісному/).check();
    await p.getByRole('button', { name: 'Замовити', exact: true }).click();
    await expect.poll(() => p.locator('#my-rides').innerText()).toContain('Поліклініка');
    await context.close();

    const m = await signedInContext(t, browser, { username: 'manager' });
    const q = await m.context.newPage();
    q.setDefaultTimeout(10_000);
    await q.goto(`${t.baseUrl}/taxi/report`);
    await q.getByLabel('Назва').fill('Ford Transit');
    await q.getByLabel('Обладнаний для крісла колісного').check();
    await q.getByRole('button', { name: 'Додати', exact: true }).click();
    await expect.poll(() => q.locator('#vehicle-list').innerText()).toContain('Ford Transit');
    await expectAccessible(q, 'taxi report and vehicles');
    await q.goto(`${t.baseUrl}/taxi?date=${tomorrow}`);
    await expectAccessible(q, 'taxi day');
    await q.getByLabel('Автомобіль').first().selectOption({ label: 'Ford Transit (для візка)' });
    await q
      .getByRole('button', { name: /Зберегти/ })
      .first()
      .click();
    await expect.poll(() => q.locator('main').innerText()).toContain('Призначено автомобіль');
    await m.context.close();
  });
});
