import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { resident, signedIn } from '../factories/index.js';
import { addDays, displayDate, kyivLocal, kyivToday } from '../../src/platform/dates.js';

/** Issue 14 item 6: the social taxi — requests, the day's rides by vehicle, done / not come, rides per settlement. */
let t: TestApp;
let frontdesk: HttpClient;
let manager: HttpClient;
let town: { code: string; name: string };
let village: { code: string; name: string };
const tomorrow = addDays(kyivToday(), 1);

const ride = (o: Record<string, string> = {}) => ({
  settlementCode: town.code,
  pickup: 'вул. Соборна, 10, кв. 2',
  destination: 'Лікарня, вул. Лікарняна, 3',
  date: displayDate(tomorrow),
  time: '09:30',
  ...o,
});
const rideRow = async (where: string, args: unknown[]) =>
  (
    await t.owner<{
      id: string;
      status: string;
      channel: string;
      vehicle_id: string | null;
      route_order: number | null;
    }>(
      `SELECT id, status, channel, vehicle_id, route_order FROM taxi_rides WHERE ${where} ORDER BY created_at DESC LIMIT 1`,
      args,
    )
  ).rows[0];

beforeAll(async () => {
  t = await startTestApp();
  frontdesk = await signedIn(t, 'frontdesk');
  manager = await signedIn(t, 'manager');
  // A settlement of the demo starosta's district, and one outside it.
  const { rows } = await t.owner<{ code: string; name: string; mine: boolean }>(
    `SELECT s.code, s.name, ds.district_id = (SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id
       WHERE u.username = 'starosta') AS mine
     FROM district_settlements ds JOIN settlements s ON s.code = ds.settlement_code ORDER BY s.code`,
  );
  village = rows.find((r) => r.mine)!;
  town = rows.find((r) => !r.mine)!;
});
afterAll(async () => {
  await t?.close();
});

describe('the social taxi', () => {
  it('takes a resident’s request from the cabinet, refuses bad input in Ukrainian, and lets them cancel it', async () => {
    const r = await resident(t, { password: true, name: 'Пасажирка Ганна' });
    const me = await signedIn(t, { email: r.email });
    const page = await me.get('/cabinet/taxi');
    expect(page.text).toContain('Поїздок ще немає');
    const past = await me.post('/cabinet/taxi', ride({ date: displayDate(addDays(kyivToday(), -1)) }));
    expect(past.status).toBe(400);
    expect(past.text).toContain('Цей час уже минув');
    const bad = await me.post('/cabinet/taxi', ride({ destination: '', time: '25:00' }));
    expect(bad.text).toContain('Вкажіть, куди везти');
    expect(bad.text).toContain('Вкажіть дату (дд.мм.рррр) і час (ГГ:ХХ)');
    expect((await me.post('/cabinet/taxi', ride({ wheelchair: 'yes', contactPhone: '050 111 22 33' }))).status).toBe(
      303,
    );
    const mine = await me.get('/cabinet/taxi');
    expect(mine.text).toContain('Лікарня, вул. Лікарняна, 3');
    expect(mine.text).toContain('на візку');
    const row = await rideRow('resident_user_id = $1', [r.userId]);
    expect(row).toMatchObject({ status: 'requested', channel: 'online' });
    const other = await signedIn(t, { email: (await resident(t, { password: true })).email });
    await other.get('/cabinet/taxi');
    expect((await other.post(`/cabinet/taxi/${row.id}/cancel`)).status).toBe(404);
    expect((await me.post(`/cabinet/taxi/${row.id}/cancel`)).status).toBe(303);
    expect((await rideRow('id = $1', [row.id])).status).toBe('cancelled');
  });

  it('takes phone requests at the front office and through a starosta of the district only', async () => {
    await frontdesk.get('/taxi/new');
    const noName = await frontdesk.post('/taxi', ride());
    expect(noName.text).toContain('Вкажіть прізвище та ім’я пасажира');
    expect((await frontdesk.post('/taxi', ride({ contactName: 'Коваль Марія' }))).status).toBe(303);
    expect((await rideRow("contact_name = 'Коваль Марія'", [])).channel).toBe('front_office');
    const starosta = await signedIn(t, 'starosta');
    const form = await starosta.get('/taxi/new');
    expect(form.text).toContain(village.name);
    expect(form.text).not.toContain(`value="${town.code}"`);
    expect(
      (await starosta.post('/taxi', ride({ contactName: 'Сільський Іван', settlementCode: village.code }))).status,
    ).toBe(303);
    expect((await rideRow("contact_name = 'Сільський Іван'", [])).channel).toBe('starosta');
    expect((await starosta.post('/taxi', ride({ contactName: 'Міський Петро' }))).status).toBe(403);
    const provider = await signedIn(t, 'provider');
    expect((await provider.get('/taxi')).status).toBe(403);
  });

  it('gives the day’s rides to vehicles in route order (a wheelchair needs a vehicle for it) and counts rides per settlement', async () => {
    await manager.get('/taxi/report');
    expect((await manager.post('/taxi/vehicles', { name: 'Renault Kangoo', seats: '3' })).status).toBe(303);
    expect(
      (await manager.post('/taxi/vehicles', { name: 'Ford Transit (візок)', seats: '4', wheelchair: 'yes' })).status,
    ).toBe(303);
    expect((await manager.post('/taxi/vehicles', { name: 'renault kangoo', seats: '3' })).text).toContain(
      'Автомобіль з такою назвою вже є',
    );
    const vehicles = (await t.owner<{ id: string; name: string }>('SELECT id::text, name FROM taxi_vehicles')).rows;
    const plain = vehicles.find((v) => v.name === 'Renault Kangoo')!.id;
    const lift = vehicles.find((v) => v.name.startsWith('Ford'))!.id;

    await frontdesk.get('/taxi/new');
    expect((await frontdesk.post('/taxi', ride({ contactName: 'Візочник Олег', wheelchair: 'yes' }))).status).toBe(303);
    const id = (await rideRow("contact_name = 'Візочник Олег'", [])).id;
    const day = await frontdesk.get(`/taxi?date=${tomorrow}`);
    expect(day.text).toContain('Візочник Олег');
    const wrong = await frontdesk.post(`/taxi/rides/${id}/schedule`, {
      date: tomorrow,
      vehicleId: plain,
      driver: 'Іван',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('не обладнаний для крісла колісного');
    expect(
      (
        await frontdesk.post(`/taxi/rides/${id}/schedule`, {
          date: tomorrow,
          vehicleId: lift,
          driver: 'Іван',
          routeOrder: '2',
        })
      ).status,
    ).toBe(303);
    expect(await rideRow('id = $1', [id])).toMatchObject({ status: 'scheduled', vehicle_id: lift, route_order: 2 });
    // A vehicle taken out of use is offered for no new ride; returned, it is again.
    await manager.get('/taxi/report');
    expect((await manager.post(`/taxi/vehicles/${plain}`, { name: 'Renault Kangoo', seats: '3' })).status).toBe(303);
    expect((await manager.get('/taxi/report')).text).toContain('не використовується');
    const retired = await frontdesk.post(`/taxi/rides/${id}/schedule`, { date: tomorrow, vehicleId: plain });
    expect(retired.text).toContain('Оберіть автомобіль зі списку');
    await manager.get('/taxi/report');
    expect(
      (await manager.post(`/taxi/vehicles/${plain}`, { name: 'Renault Kangoo', seats: '3', active: 'yes' })).status,
    ).toBe(303);
    // Its name, plate, seats and fitting are changed on its own page; bad values are refused there in Ukrainian.
    const edit = await manager.get(`/taxi/vehicles/${plain}/edit`);
    expect(edit.text).toContain('value="Renault Kangoo"');
    const badSeats = await manager.post(`/taxi/vehicles/${plain}/edit`, {
      name: 'Renault Kangoo',
      seats: '0',
      active: 'yes',
    });
    expect(badSeats.status).toBe(400);
    expect(badSeats.text).toContain('govuk-error-summary');
    expect(
      (
        await manager.post(`/taxi/vehicles/${plain}/edit`, {
          name: 'Renault Kangoo Maxi',
          plate: 'ВВ1234АА',
          seats: '4',
          active: 'yes',
        })
      ).status,
    ).toBe(303);
    expect((await manager.get('/taxi/report')).text).toContain('Renault Kangoo Maxi (ВВ1234АА)');
    expect((await frontdesk.get(`/taxi/vehicles/${plain}/edit`)).status).toBe(403);
    expect(
      (
        await frontdesk.post(`/taxi/rides/${id}/schedule`, {
          date: tomorrow,
          vehicleId: lift,
          driver: 'Іван',
          routeOrder: '2',
        })
      ).status,
    ).toBe(303);
    // Tomorrow's ride is not done yet.
    expect((await frontdesk.post(`/taxi/rides/${id}/outcome`, { date: tomorrow, outcome: 'done' })).status).toBe(409);

    // A ride later today is done and counted for its settlement.
    const now = kyivLocal();
    const [hh, mm] = [Number(now.slice(11, 13)), Number(now.slice(14, 16))];
    if (hh === 23 && mm >= 59) return; // no later time today
    const later = mm < 59 ? `${String(hh).padStart(2, '0')}:59` : `${String(hh + 1).padStart(2, '0')}:30`;
    expect(
      (
        await frontdesk.post(
          '/taxi',
          ride({ contactName: 'Сьогоднішня Оля', date: displayDate(kyivToday()), time: later }),
        )
      ).status,
    ).toBe(303);
    const today = (await rideRow("contact_name = 'Сьогоднішня Оля'", [])).id;
    await frontdesk.post(`/taxi/rides/${today}/schedule`, { date: kyivToday(), vehicleId: plain, routeOrder: '1' });
    expect((await frontdesk.post(`/taxi/rides/${today}/outcome`, { date: kyivToday(), outcome: 'done' })).status).toBe(
      303,
    );
    const report = await manager.get(`/taxi/report?from=${kyivToday()}&to=${kyivToday()}`);
    expect(report.text).toContain(town.name);
    expect(report.text).toContain('виконано 1 поїздку');
    // The period as people type dates; a date that is no date, or a start after the end, is said so on its field.
    const shown = displayDate(kyivToday());
    const typed = await manager.get(`/taxi/report?from=${shown}&to=${shown}`);
    expect(typed.status).toBe(200);
    expect(typed.text).toContain('виконано 1 поїздку');
    expect(typed.text).toContain(`value="${shown}"`);
    const noDate = await manager.get('/taxi/report?from=31.02.2026');
    expect(noDate.status).toBe(400);
    expect(noDate.text).toContain('Введіть дату у форматі дд.мм.рррр, наприклад 05.03.2026');
    expect(noDate.text).toContain('value="31.02.2026"');
    const reversed = await manager.get('/taxi/report?from=02.12.2026&to=01.12.2026');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('Дата початку має бути не пізніше за дату кінця');
  });
});
