import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import {
  agencyOfUser,
  kase,
  office,
  person,
  service,
  serviceAssignment,
  staffActor,
  trip,
  userId,
} from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { makeRnokpp } from '../../src/modules/persons/identity/rnokpp.js';
import { updatePerson } from '../../src/modules/persons/use-cases/update-person.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

// A "photographed" document: a JPEG header and some body (the server checks the type by content).
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(4096)]);

/** A member signed in on a new browser context, on the trip's workstation with its package downloaded. */
async function withPackage(username: string, tripId: string) {
  const { context } = await signedInContext(t, browser, { username });
  const p = await context.newPage();
  p.setDefaultTimeout(15_000);
  await p.goto(`${t.baseUrl}/outreach/trips/${tripId}/workstation`);
  await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
  await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
  await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Дані виїзду завантажено');
  return { context, p };
}

describe('the offline outreach workstation in Chromium (issue 14 item 5)', () => {
  it('takes a trip offline, registers a person and an application, survives a reload, syncs, and resolves a conflict', async () => {
    await service(t, {
      name: 'Допомога на догляд (виїзд)',
      documents: [{ name: 'Паспорт' }, { name: 'Довідка про склад сім’ї', kind: 'optional' }],
    });
    const visited = await person(t, { lastName: 'Відвідувана', firstName: 'Олена', phone: '+380501112233' });
    const workerId = await userId(t, 'worker');
    const tripId = await trip(t, { staff: [workerId], stops: [visited], title: 'Виїзд до села (робоче місце)' });
    const { context } = await signedInContext(t, browser, { username: 'worker' });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);

    // The worker opens the trip's workstation from the trip's page.
    await p.goto(`${t.baseUrl}/outreach/trips/${tripId}`);
    await p.getByRole('button', { name: 'Робоче місце виїзду (офлайн)' }).click();
    await expect.poll(() => p.locator('#ws-offline-ready').innerText()).toContain('відкриється й без зв’язку');
    await expectAccessible(p, 'workstation: download');

    // A wrong password takes nothing; the right one downloads and encrypts the package.
    const password = p.getByLabel('Ваш пароль до Турботи');
    await password.fill('не той пароль');
    await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Невірний пароль');
    await expectAccessible(p, 'workstation: download refused');
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Дані виїзду завантажено');
    expect(await p.locator('#ws-route').innerText()).toContain('Відвідувана Олена');
    await expectAccessible(p, 'workstation: home');
    // Nothing personal lies on the device in clear.
    const stored = await p.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(`turbota-outreach-${id}`);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(String(r.error)));
      });
      const all = (store: string) =>
        new Promise<unknown[]>((resolve) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
        });
      const text = JSON.stringify([await all('meta'), await all('data'), await all('ops')]);
      db.close();
      return text;
    }, tripId);
    expect(stored).not.toContain('Відвідувана');
    expect(stored).not.toContain('380501112233');

    // Meanwhile the office changes the visited person's phone (after the package was taken).
    const manager = await staffActor(t, { username: 'manager' });
    const version = (await t.owner<{ version: number }>('SELECT version FROM persons WHERE id = $1', [visited])).rows[0]
      .version;
    await updatePerson({
      services: t.services,
      actor: manager,
      id: visited,
      patch: { phone: '+380509998877' },
      version,
    });

    await context.setOffline(true);
    await expect.poll(() => p.locator('#ws-connection').innerText()).toContain('Зв’язок: немає');

    // A new person, with the errors first.
    await p.getByRole('button', { name: 'Зареєструвати нову особу' }).click();
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Вкажіть прізвище');
    await expectAccessible(p, 'workstation: new person with errors');
    await p.getByLabel('Прізвище', { exact: true }).fill('Новенька');
    await p.getByLabel('Ім’я', { exact: true }).fill('Ганна');
    await p.getByLabel('Дата народження (необов’язково)').fill('12.04.1948');
    await p.getByLabel('Жінка').check();
    await p.getByLabel('Телефон (необов’язково)').fill('+380671112233');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Новенька Ганна: особу зареєстровано');
    await expectAccessible(p, 'workstation: the new person');

    // Her application with a photographed passport, confirmed by her.
    await p.getByRole('button', { name: 'Прийняти заяву' }).click();
    await p.getByLabel('Послуга').selectOption({ label: 'Допомога на догляд (виїзд)' });
    await p
      .getByLabel('Паспорт (обов’язковий)')
      .setInputFiles({ name: 'pasport.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await expectAccessible(p, 'workstation: application');
    await p.getByRole('button', { name: 'Зберегти заяву' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Заявник має підтвердити заяву');
    await p.getByLabel('Послуга').selectOption({ label: 'Допомога на догляд (виїзд)' });
    await p
      .getByLabel('Паспорт (обов’язковий)')
      .setInputFiles({ name: 'pasport.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await p.getByLabel('Заявник підтвердив заяву').check();
    await p.getByRole('button', { name: 'Зберегти заяву' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('документів: 1');

    // The visited person's new phone, on the device.
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    await p.locator('#ws-route').getByRole('button', { name: 'Відвідувана Олена' }).click();
    await p.getByRole('button', { name: 'Змінити контакти й адресу' }).click();
    await p.getByLabel('Телефон').fill('+380631234567');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Зміну контактів і адреси записано');

    // The installed app starts without a connection: the page of the workstations on this device, then this trip's.
    const start = await p.goto(`${t.baseUrl}/outreach/start`);
    expect(start?.fromServiceWorker()).toBe(true);
    const onDevice = p.locator('#ws-on-device');
    await expect.poll(() => onDevice.innerText()).toContain('Виїзд до села (робоче місце)');
    await expectAccessible(p, 'workstations on this device (offline)');
    await onDevice.getByRole('link', { name: /Виїзд до села \(робоче місце\)/ }).click();
    await expect.poll(() => p.locator('#ws-screen h2').first().innerText()).toContain('Відкрийте дані виїзду');

    // Reloaded without a connection: the shell comes from the service worker, the data opens with the password.
    const reloaded = await p.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect.poll(() => p.locator('#ws-screen h2').first().innerText()).toContain('Відкрийте дані виїзду');
    expect(await p.locator('#ws-screen').innerText()).toContain('Ще не надіслано на сервер операцій: 3');
    await expectAccessible(p, 'workstation: unlock');
    await p.getByLabel('Ваш пароль до Турботи').fill('не той пароль');
    await p.getByRole('button', { name: 'Відкрити' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Невірний пароль');
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Відкрити' }).click();
    await p.getByLabel('Прізвище, ім’я або їх частина').fill('новен');
    await p.getByRole('button', { name: 'Знайти' }).click();
    await expect.poll(() => p.locator('#ws-results').innerText()).toContain('Знайдено: 1');
    await p.locator('#ws-results').getByRole('button', { name: 'Новенька Ганна' }).click();
    expect(await p.locator('#ws-person-ops').innerText()).toContain('Заява «Допомога на догляд (виїзд)»');
    expect(await p.locator('#ws-screen').innerText()).toContain('12.04.1948');

    // Online again: the sync sends the three operations one by one.
    await context.setOffline(false);
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    await expectAccessible(p, 'workstation: before the sync');
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 3 з 3');
    const ops = p.locator('#ws-ops');
    expect(await ops.innerText()).toContain('Прийнято');
    expect(await ops.innerText()).toContain('Конфлікт');
    await expectAccessible(p, 'workstation: after the sync');

    // The application is in the office's queue, marked as taken on a trip.
    const m = await signedInContext(t, browser, { username: 'manager' });
    const q = await m.context.newPage();
    await q.goto(`${t.baseUrl}/applications`);
    const row = q.locator('tr', { hasText: 'Новенька Ганна' });
    await expect.poll(() => row.innerText()).toContain('Виїзний прийом');
    await m.context.close();

    // The conflict: the worker keeps the phone from the device.
    await p.getByRole('link', { name: 'Розв’язати конфлікт' }).click();
    await expect.poll(() => p.locator('h1').innerText()).toContain('Відвідувана Олена');
    await expectAccessible(p, 'conflict page');
    await p.getByLabel(/Залишити з пристрою/).check();
    await p.getByRole('button', { name: 'Розв’язати конфлікт' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Конфлікт розв’язано');
    expect((await t.owner<{ phone: string }>('SELECT phone FROM persons WHERE id = $1', [visited])).rows[0].phone).toBe(
      '+380631234567',
    );

    // Back on the workstation, the device learns the resolution; its next change is based on it, not a conflict.
    await p.goto(`${t.baseUrl}/outreach/trips/${tripId}/workstation`);
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Відкрити' }).click();
    await expect.poll(() => p.locator('#ws-unsynced').innerText()).toContain('Усе, що зроблено на пристрої, надіслано');
    await p.getByRole('button', { name: 'Перевірити, чи розв’язано конфлікти' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Розв’язаних конфліктів отримано з сервера: 1');
    expect(await p.locator('#ws-ops').innerText()).toContain('Конфлікт розв’язано');
    expect(await p.locator('#ws-sync').getByRole('button').count()).toBe(0);
    await expectAccessible(p, 'workstation: conflict learned');
    await p.locator('#ws-route').getByRole('button', { name: 'Відвідувана Олена' }).click();
    await p.getByRole('button', { name: 'Змінити контакти й адресу' }).click();
    await p.getByLabel('Телефон').fill('+380631234568');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Зміну контактів і адреси записано');
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 1 з 1');
    expect((await t.owner<{ phone: string }>('SELECT phone FROM persons WHERE id = $1', [visited])).rows[0].phone).toBe(
      '+380631234568',
    );
    expect(
      await t.owner('SELECT 1 FROM outreach_conflicts WHERE person_id = $1', [visited]).then((r) => r.rowCount),
    ).toBe(1);

    // The data is wiped after confirming.
    await p.getByRole('button', { name: 'Стерти дані з пристрою' }).click();
    await expectAccessible(p, 'workstation: wipe?');
    await p.getByRole('button', { name: 'Так, стерти' }).click();
    await expect.poll(() => p.locator('#ws-notice').innerText()).toContain('Дані виїзду стерто з пристрою');
    const left = await p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(left.filter((n) => n?.startsWith('turbota-outreach-'))).toEqual([]);
    await context.close();
  });

  it('refuses a mistyped РНОКПП on the device; a registration and a change of contacts the server refuses are corrected and sent again', async () => {
    const svc = await service(t, { name: 'Консультація (виправлення)', documents: [] });
    const serial = 1000 + crypto.randomInt(3000);
    const taken = makeRnokpp('1951-06-02', 'female', serial);
    await person(t, { lastName: 'Зареєстрована', firstName: 'Віра', rnokpp: taken });
    const visited = await person(t, { lastName: 'Сусідка', firstName: 'Ніна' });
    const tripId = await trip(t, { staff: [await userId(t, 'worker')], stops: [visited] });
    const { context, p } = await withPackage('worker', tripId);

    // A number whose check digit is wrong is refused on the device, as the office would.
    await p.getByRole('button', { name: 'Зареєструвати нову особу' }).click();
    await p.getByLabel('Прізвище').fill('Повторна');
    await p.getByLabel('Ім’я', { exact: true }).fill('Віра');
    const wrong = `${taken.slice(0, 9)}${(Number(taken[9]) + 1) % 10}`;
    await p.getByLabel('РНОКПП (необов’язково)').fill(wrong);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('остання — контрольна');
    // A valid number that is someone's in the registry is saved here and refused by the server.
    await p.getByLabel('РНОКПП (необов’язково)').fill(taken);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Повторна Віра: особу зареєстровано');
    await p.getByRole('button', { name: 'Прийняти заяву' }).click();
    await p.getByLabel('Послуга').selectOption({ label: 'Консультація (виправлення)' });
    await p.getByLabel('Заявник підтвердив заяву').check();
    await p.getByRole('button', { name: 'Зберегти заяву' }).click();
    await expect
      .poll(() => p.locator('#ws-banner').innerText())
      .toContain('Заяву на послугу «Консультація (виправлення)» записано');
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    // A resident's e-mail that passes the device's rough check but not the registry's (two dots in a row).
    await p.locator('#ws-route').getByRole('button', { name: 'Сусідка Ніна' }).click();
    await p.getByRole('button', { name: 'Змінити контакти й адресу' }).click();
    await p.getByLabel('Електронна пошта').fill('nina..s@ukr.net');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Зміну контактів і адреси записано');
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 3 з 3');
    expect(await p.locator('#ws-ops').innerText()).toContain('Особа з таким РНОКПП уже є в реєстрі');

    // The refused change of contacts: its reason on her page, the form with the refused e-mail and the reason on it.
    await p.locator('#ws-route').getByRole('button', { name: 'Сусідка Ніна' }).click();
    expect(await p.locator('.govuk-warning-text').innerText()).toContain('Сервер не прийняв зміну контактів');
    await p.getByRole('button', { name: 'Виправити й надіслати знову' }).click();
    await expect
      .poll(() => p.locator('.govuk-error-summary').innerText())
      .toContain('Електронна пошта у форматі name@example.com');
    expect(await p.getByLabel('Електронна пошта').inputValue()).toBe('nina..s@ukr.net');
    await expectAccessible(p, 'workstation: correcting a change of contacts');
    await p.getByLabel('Електронна пошта').fill('nina.s@ukr.net');
    await p.getByRole('button', { name: 'Зберегти виправлення' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Виправлену зміну записано');
    expect(await p.locator('#ws-person-ops').innerText()).toContain('виправлено, записано знову');
    expect(await p.locator('.govuk-warning-text').count()).toBe(0);
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();

    // On her page: the server's reason and the way to correct it; the form shows the reason on the РНОКПП.
    await p.getByLabel('Прізвище, ім’я або їх частина').fill('повторна');
    await p.getByRole('button', { name: 'Знайти' }).click();
    await p.locator('#ws-results').getByRole('button', { name: 'Повторна Віра' }).click();
    expect(await p.locator('.govuk-warning-text').innerText()).toContain('Сервер не прийняв реєстрацію');
    await expectAccessible(p, 'workstation: a refused registration');
    await p.getByRole('button', { name: 'Виправити й надіслати знову' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Особа з таким РНОКПП уже є');
    expect(await p.getByLabel('Прізвище').inputValue()).toBe('Повторна');
    await expectAccessible(p, 'workstation: correcting a registration');
    const own = makeRnokpp('1951-06-02', 'female', serial + 1);
    await p.getByLabel('РНОКПП (необов’язково)').fill(own);
    await p.getByRole('button', { name: 'Зберегти виправлення' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Повторна Віра: виправлення записано');
    expect(await p.locator('#ws-person-ops').innerText()).toContain('Очікує синхронізації');
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    expect(await p.locator('#ws-unsynced').innerText()).toContain('Ще не надіслано на сервер операцій: 3');
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 3 з 3');
    expect(await p.locator('#ws-ops').innerText()).not.toContain('Особа з таким РНОКПП уже є в реєстрі');
    const nina = await t.owner<{ email: string }>('SELECT email FROM persons WHERE id = $1', [visited]);
    expect(nina.rows[0].email).toBe('nina.s@ukr.net');
    const made = await t.owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM applications a JOIN persons p ON p.id = a.person_id
       WHERE p.last_name = 'Повторна' AND a.service_id = $1`,
      [svc.id],
    );
    expect(made.rows[0].n).toBe(1);
    await context.close();
  });

  it('records a note, an outcome and a visit; an interrupted sync resumes without doing anything twice; expired data goes', async () => {
    const svc = await service(t, { name: 'Консультація (виїзд)' });
    await office(t, { name: 'ЦНАП (запис із виїзду)', services: [{ serviceId: svc.id, slotMinutes: 30 }] });
    const visited = await person(t, { lastName: 'Справна', firstName: 'Марта' });
    const kaseId = (await kase(t, { personId: visited })).id;
    const workerId = await userId(t, 'worker');
    const tripId = await trip(t, { staff: [workerId], stops: [visited] });
    const { context, p } = await withPackage('worker', tripId);

    await p.locator('#ws-route').getByRole('button', { name: 'Справна Марта' }).click();
    await p.getByRole('button', { name: 'Нотатка до справи' }).click();
    await p.getByLabel('Що відбулося').fill('Відвідали вдома, потребує догляду');
    await expectAccessible(p, 'workstation: case note');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Нотатку до справи записано');

    await p.getByRole('button', { name: 'Результат відвідування' }).click();
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Оберіть результат');
    await expectAccessible(p, 'workstation: outcome with an error');
    await p.getByLabel('Обслужено').check();
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Результат відвідування записано');

    const tomorrow = addDays(kyivToday(), 1);
    await p.getByRole('button', { name: 'Записати на прийом' }).click();
    await p.getByLabel('Місце прийому').selectOption({ label: 'ЦНАП (запис із виїзду)' });
    await p.getByLabel('Послуга').selectOption({ label: 'Консультація (виїзд)' });
    await p.getByLabel('Дата', { exact: true }).fill(displayDate(tomorrow));
    await p.getByLabel('Час', { exact: true }).fill('10:00');
    await expectAccessible(p, 'workstation: next visit');
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain(`${displayDate(tomorrow)} о 10:00`);
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    expect(await p.locator('#ws-route').innerText()).toContain('Обслужено');

    // Signed out meanwhile: the sync stops at once, nothing is lost, and the way to sign in is offered.
    const spare = await signedInContext(t, browser, { username: 'worker' });
    await spare.context.close();
    await context.clearCookies();
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect.poll(() => p.locator('#ws-sync-progress').innerText()).toContain('Сеанс завершився');
    await expect.poll(() => p.getByRole('link', { name: /Увійти знову/ }).count()).toBe(1);
    expect(await p.locator('#ws-unsynced').innerText()).toContain('Ще не надіслано на сервер операцій: 3');
    await context.addCookies([{ name: t.services.sessions.cookieName, value: spare.token, url: t.baseUrl }]);

    // The second operation reaches the server but its answer is lost: the sync stops and keeps the rest.
    let calls = 0;
    await p.route('**/outreach/sync', async (route) => {
      calls++;
      if (calls === 2) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect.poll(() => p.locator('#ws-sync-progress').innerText()).toContain('Синхронізацію зупинено');
    const ops = p.locator('#ws-ops');
    await expect.poll(() => ops.innerText()).toContain('Надіслано, без відповіді');
    expect(await ops.innerText()).toContain('Очікує синхронізації');
    await p.unroute('**/outreach/sync');
    // Resumed: the one already applied is answered again, not made twice.
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 2 з 2');
    expect(await ops.innerText()).toContain('Прийнято раніше');
    const count = async (sql: string, args: unknown[]) => (await t.owner<{ n: number }>(sql, args)).rows[0].n;
    expect(await count('SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1', [kaseId])).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM outreach_stops WHERE trip_id = $1 AND outcome = 'served'`, [tripId]),
    ).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM appointments WHERE person_id = $1', [visited])).toBe(1);

    // Data past its expiry is wiped when the workstation opens.
    await p.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open(`turbota-outreach-${id}`);
        r.onsuccess = () => resolve(r.result);
      });
      await new Promise<void>((resolve) => {
        const tx = db.transaction('meta', 'readwrite');
        const store = tx.objectStore('meta');
        const r = store.get('meta');
        r.onsuccess = () => store.put({ ...r.result, expiresAt: new Date(Date.now() - 1000).toISOString() }, 'meta');
        tx.oncomplete = () => resolve();
      });
      db.close();
    }, tripId);
    await p.reload();
    await expect
      .poll(() => p.locator('#ws-notice').innerText())
      .toContain('Термін зберігання даних виїзду на пристрої минув');
    await expectAccessible(p, 'workstation: expired data wiped');
    await context.close();
  });

  it('locks the data after ten idle minutes, not in the middle of a sync, and opens it again with the password', async () => {
    const visited = await person(t, { lastName: 'Залишена', firstName: 'Софія' });
    const workerId = await userId(t, 'worker');
    const tripId = await trip(t, { staff: [workerId], stops: [visited] });
    const { context } = await signedInContext(t, browser, { username: 'worker' });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    // The page's clock runs as usual until the test moves it on (the idle time stays the shell's ten minutes).
    await p.clock.install();
    await p.goto(`${t.baseUrl}/outreach/trips/${tripId}/workstation`);
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Дані виїзду завантажено');

    // Nine minutes, a touch, nine more: still open (the idle time counts from the last touch).
    await p.clock.fastForward('09:00');
    await p.locator('#ws-route').getByRole('button', { name: 'Залишена Софія' }).click();
    await p.clock.fastForward('09:00');
    expect(await p.locator('#ws-person-h').innerText()).toContain('Залишена Софія');
    await p.getByRole('button', { name: 'Результат відвідування' }).click();
    await p.getByLabel('Не вдома').check();
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Результат відвідування записано');
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();

    // The worker starts a sync and leaves the tablet: the idle time passes while the answer is awaited.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route('**/outreach/sync', async (route) => {
      await held;
      await route.continue();
    });
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect.poll(() => p.locator('#ws-sync-progress').innerText()).toContain('Надіслано 0 з 1');
    await p.clock.fastForward('11:00');
    expect(await p.locator('#ws-route').count()).toBe(1);
    // The sync ends, then the data is locked: the key and everything decrypted are gone from the page.
    release();
    await expect.poll(() => p.locator('#ws-screen h2').first().innerText()).toContain('Відкрийте дані виїзду');
    expect(await p.locator('#ws-notice').innerText()).toContain('пристроєм не користувалися 10 хв');
    expect(await p.locator('#ws-route').count()).toBe(0);
    expect(await p.locator('main').innerText()).not.toContain('Залишена');
    await expectAccessible(p, 'workstation: locked when idle');
    await p.unroute('**/outreach/sync');

    // The password opens it again: the outcome is there and was synced before the lock.
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Відкрити' }).click();
    await expect.poll(() => p.locator('#ws-route').innerText()).toContain('Залишена Софія');
    expect(await p.locator('#ws-route').innerText()).toContain('Не вдома');
    expect(await p.locator('#ws-unsynced').innerText()).toContain('Усе, що зроблено на пристрої, надіслано');
    expect(
      (await t.owner<{ outcome: string }>('SELECT outcome FROM outreach_stops WHERE trip_id = $1', [tripId])).rows[0]
        .outcome,
    ).toBe('not_home');

    // Hidden (another tab, the screen off) for longer than the idle time, with no timer run meanwhile: locked as
    // soon as the page is seen again.
    const setVisibility = (state: string) =>
      p.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await p.clock.setSystemTime((await p.evaluate(() => Date.now())) + 11 * 60_000);
    expect(await p.locator('#ws-route').count()).toBe(1);
    await setVisibility('visible');
    await expect.poll(() => p.locator('#ws-notice').innerText()).toContain('пристроєм не користувалися 10 хв');
    expect(await p.locator('#ws-route').count()).toBe(0);
    await context.close();
  });

  it('wipes another worker’s data when a different worker opens a workstation on the same browser', async () => {
    const visited = await person(t, { lastName: 'Спільна', firstName: 'Ірина' });
    const workerId = await userId(t, 'worker');
    const managerId = await userId(t, 'manager');
    const first = await trip(t, { staff: [workerId], stops: [visited] });
    const second = await trip(t, { staff: [managerId], stops: [visited] });
    const { context } = await signedInContext(t, browser, { username: 'worker' });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    // Only the trip's staff open its workstation; the service worker and the manifest are served fresh.
    expect((await p.goto(`${t.baseUrl}/outreach/trips/${second}/workstation`))?.status()).toBe(404);
    const sw = await p.request.get(`${t.baseUrl}/outreach/sw.js`);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-type']).toContain('javascript');
    const manifest = (await (await p.request.get(`${t.baseUrl}/outreach/manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
    };
    expect(manifest).toMatchObject({ name: 'Турбота — робоче місце виїзду', start_url: '/outreach/start' });
    await p.goto(`${t.baseUrl}/outreach/trips/${first}/workstation`);
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Дані виїзду завантажено');
    // Online, with the service worker in charge of /outreach/: the app's start is the trips list, and the trip's
    // own page comes from the server.
    await p.goto(`${t.baseUrl}/outreach/start`);
    expect(new URL(p.url()).pathname).toBe('/outreach');
    const tripPage = await p.goto(`${t.baseUrl}/outreach/trips/${first}`);
    expect(tripPage?.status()).toBe(200);
    expect(await p.locator('main').innerText()).toContain('Спільна Ірина');
    // Another worker signs in on this browser (a new session cookie) and opens their own trip's workstation.
    const other = await signedInContext(t, browser, { username: 'manager' });
    const cookies = await other.context.cookies();
    await other.context.close();
    await context.addCookies(cookies);
    await p.goto(`${t.baseUrl}/outreach/trips/${second}/workstation`);
    await expect.poll(() => p.locator('#ws-notice').innerText()).toContain('Дані виїзду іншого працівника стерто');
    const left = await p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(left).not.toContain(`turbota-outreach-${first}`);
    await context.close();

    // Without JavaScript the shell says what the workstation needs and points to the trip's ordinary page.
    const plain = await signedInContext(t, browser, { username: 'manager' }, { javaScriptEnabled: false });
    const q = await plain.context.newPage();
    await q.goto(`${t.baseUrl}/outreach/trips/${second}/workstation`);
    expect(await q.locator('main').innerText()).toContain('працює лише з увімкненим JavaScript');
    await plain.context.close();
  });

  it('lets a provider’s worker on a trip record the service they delivered offline, and sync it', async () => {
    const providerId = await userId(t, 'provider');
    const agencyId = await agencyOfUser(t, 'provider');
    const care = (await service(t, { name: 'Догляд вдома (робоче місце)' })).id;
    const client = await person(t, { lastName: 'Доглянута', firstName: 'Марія' });
    const assignment = (
      await serviceAssignment(t, { personId: client, serviceId: care, agencyId, startedOn: addDays(kyivToday(), -10) })
    ).id;
    await trip(t, { staff: [providerId], stops: [client], title: 'Виїзд терцентру' });
    const { context } = await signedInContext(t, browser, { username: 'provider' });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    await p.goto(`${t.baseUrl}/outreach`);
    await p.getByRole('link', { name: 'Виїзд терцентру' }).click();
    await expectAccessible(p, 'provider: trip');
    await p.getByRole('button', { name: 'Робоче місце виїзду (офлайн)' }).click();
    await p.getByLabel('Ваш пароль до Турботи').fill(t.creds.password);
    await p.getByRole('button', { name: 'Завантажити дані виїзду' }).click();
    await expect.poll(() => p.locator('#ws-banner').innerText()).toContain('Дані виїзду завантажено');
    // What a provider's worker does not do is not offered.
    expect(await p.getByRole('button', { name: 'Зареєструвати нову особу' }).count()).toBe(0);

    await context.setOffline(true);
    await p.locator('#ws-route').getByRole('button', { name: 'Доглянута Марія' }).click();
    expect(await p.getByRole('button', { name: 'Прийняти заяву' }).count()).toBe(0);
    await p.getByRole('button', { name: 'Надана послуга' }).click();
    await p.getByLabel('Тривалість, хвилин').fill('0');
    await p.getByLabel('Я (отримувач не може підписати)').check();
    const scan = { name: 'akt.jpg', mimeType: 'image/jpeg', buffer: JPEG };
    await p.getByLabel('Фото або скан підписаного акта (необов’язково)').setInputFiles(scan);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    const summary = p.locator('.govuk-error-summary');
    await expect.poll(() => summary.innerText()).toContain('Вкажіть тривалість цілим числом хвилин');
    expect(await summary.innerText()).toContain('Напишіть, чому отримувач не може підписати');
    expect(await summary.innerText()).toContain('додається, лише коли акт підписав отримувач');
    await expectAccessible(p, 'provider: service delivered with errors');
    await p.getByLabel('Тривалість, хвилин').fill('60');
    await p.getByLabel('Отримувач підписав паперовий акт').check();
    await p.getByLabel('Фото або скан підписаного акта (необов’язково)').setInputFiles(scan);
    await p.getByRole('button', { name: 'Зберегти' }).click();
    await expect
      .poll(() => p.locator('#ws-banner').innerText())
      .toContain('Надану послугу записано разом зі сканом підписаного акта');
    expect(await p.locator('#ws-person-ops').innerText()).toContain('Надана послуга «Догляд вдома (робоче місце)»');
    await expectAccessible(p, 'provider: service delivered');

    await context.setOffline(false);
    await p.getByRole('button', { name: 'До маршруту й пошуку' }).click();
    await p.getByRole('button', { name: 'Синхронізувати' }).click();
    await expect
      .poll(() => p.locator('#ws-sync-progress').innerText())
      .toContain('Синхронізацію завершено: надіслано 1 з 1');
    const acts = await t.owner<{ worker_id: string; minutes: number; confirmed_by: string; signature_type: string }>(
      'SELECT worker_id, minutes, confirmed_by, signature_type FROM service_acts WHERE assignment_id = $1',
      [assignment],
    );
    expect(acts.rows).toEqual([
      { worker_id: providerId, minutes: 60, confirmed_by: 'recipient', signature_type: 'image/jpeg' },
    ]);
    await context.close();
  });
});
