import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { demoHromadaId, kase, person, userId } from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('outreach trips in Chromium (issue 14 item 4)', () => {
  it('a manager plans a trip, builds and orders its route, records a visit and finishes it with a report', async () => {
    const place = (
      await t.owner<{ code: string; name: string }>(
        `SELECT s.code, s.name FROM settlements s JOIN hromadas h ON h.code = s.hromada_code WHERE h.id = $1
         ORDER BY s.code LIMIT 1`,
        [await demoHromadaId(t)],
      )
    ).rows[0];
    const first = await person(t, { lastName: 'Маршрутна', firstName: 'Віра', settlementCode: place.code });
    await kase(t, { personId: first });
    await person(t, { lastName: 'Знайдений', firstName: 'Степан', settlementCode: place.code });
    await userId(t, 'worker');
    const { context } = await signedInContext(t, browser, { username: 'manager' });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/staff`);
    await p.getByRole('link', { name: 'Виїзні прийоми' }).click();
    await expectAccessible(p, 'trips, none yet');
    await p.getByRole('button', { name: 'Запланувати виїзд' }).click();
    await expectAccessible(p, 'plan a trip');
    // Saving an empty plan shows the error summary.
    await p.getByRole('button', { name: 'Зберегти план' }).click();
    await expect.poll(() => p.locator('.govuk-error-summary').innerText()).toContain('Вкажіть дату виїзду');
    await expectAccessible(p, 'plan with errors');
    await p.getByLabel('Дата виїзду').fill(displayDate(addDays(kyivToday(), 1)));
    await p.getByLabel('Назва виїзду').fill('Виїзд до села (браузер)');
    await p
      .getByRole('group', { name: /Населені пункти/ })
      .getByLabel(place.name, { exact: true })
      .check();
    await p.getByRole('group', { name: 'Хто їде' }).getByRole('checkbox').first().check();
    await p.getByRole('button', { name: 'Зберегти план' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Виїзд заплановано');
    await expectAccessible(p, 'trip page, empty route');

    // A suggested resident (open case in the route's settlement) and one found by hand.
    await p.getByRole('button', { name: /Додати до маршруту.*Маршрутна Віра/ }).click();
    await p.getByLabel('Прізвище та ім’я або РНОКПП').fill('Знайдений');
    await p.getByRole('button', { name: 'Знайти' }).click();
    await p.getByRole('button', { name: /Додати до маршруту.*Знайдений Степан/ }).click();
    await expectAccessible(p, 'trip with two stops');
    const stops = p.locator('#stops + p + ol > li h3');
    await expect
      .poll(() => stops.allInnerTexts())
      .toEqual([expect.stringContaining('Маршрутна Віра'), expect.stringContaining('Знайдений Степан')]);
    await p.getByRole('button', { name: /Вище.*Знайдений Степан/ }).click();
    await expect.poll(() => stops.first().innerText()).toContain('Знайдений Степан');

    // Removing asks first.
    await p.getByRole('link', { name: /Вилучити з маршруту.*Маршрутна Віра/ }).click();
    await expectAccessible(p, 'remove a stop?');
    await p.getByRole('button', { name: 'Так, вилучити' }).click();
    await expect.poll(() => stops.count()).toBe(1);

    // The visit's outcome, then the trip is finished with its report.
    await p.getByText('Записати результат відвідування').click();
    await p.getByLabel('Обслужено').check();
    await p.getByLabel('Примітка (необов’язково)').fill('Оформлено заяву на догляд');
    await p.getByRole('button', { name: 'Зберегти результат' }).click();
    await expect.poll(() => p.locator('#stops + p + ol').innerText()).toContain('Оформлено заяву на догляд');
    await p.getByLabel('Звіт про виїзд').fill('Відвідали одну особу.');
    await p.getByRole('button', { name: 'Завершити виїзд' }).click();
    await expect.poll(() => p.locator('.govuk-notification-banner').innerText()).toContain('Виїзд завершено');
    await expectAccessible(p, 'finished trip');
    await p.goto(`${t.baseUrl}/outreach`);
    await expect.poll(() => p.locator('table').innerText()).toContain('Завершено');
    await context.close();
  });
});
