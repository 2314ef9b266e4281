import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import type { HttpClient } from '../helpers/http.js';
import {
  application,
  everyDay,
  newHromada,
  office,
  person,
  resident,
  service,
  signedIn,
  staffUser,
  userId,
} from '../factories/index.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { isoWeekday } from '../../src/modules/appointments/slots.js';
import { sendVisitReminders } from '../../src/modules/appointments/appointments.reminders.js';
import { flushOutbox } from '../../src/modules/notifications/notifications.outbox.js';

/** Issue 14 items 1–2: offices, computed slots, booking without double booking, cancel and move, reminders. */
let t: TestApp;
let token: string;
let manager: HttpClient;
let frontdesk: HttpClient;
const today = kyivToday();
const tomorrow = addDays(today, 1);

const api = (method: string, p: string, body?: unknown, bearer = token) =>
  t.client().request(method, `/api/v1${p}`, {
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

const live = async (officeId: string) =>
  (
    await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM appointments WHERE office_id = $1 AND status <> 'cancelled'",
      [officeId],
    )
  ).rows[0].n;

let phoneSeq = 1000000;
const contact = (name = 'Тестовий Абонент') => ({ name, phone: `+38067${++phoneSeq}` });

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  token = await apiTokenFor(t, 'frontdesk');
  manager = await signedIn(t, 'manager');
  frontdesk = await signedIn(t, 'frontdesk');
});
afterAll(async () => {
  await t?.close();
});

describe('offices and their schedules', () => {
  it('are kept by managers through the pages, with Ukrainian messages for bad input', async () => {
    const svc = (await service(t, { name: 'Довідка (тест місць)' })).id;
    expect((await manager.get('/offices/new')).status).toBe(200);
    const noDistrict = await manager.post('/offices', {
      name: 'Старостат без округу',
      kind: 'starosta_office',
      windows: '1',
    });
    expect(noDistrict.status).toBe(400);
    expect(noDistrict.text).toContain('Для старостату оберіть старостинський округ');
    const created = await manager.post('/offices', {
      name: 'ЦНАП (тест сторінок)',
      kind: 'front_office',
      address: 'вул. Тестова, 1',
      windows: '3',
    });
    expect(created.status).toBe(303);
    const url = created.headers.get('location')!.split('?')[0];
    const id = url.split('/').pop()!;
    const dup = await manager.post('/offices', { name: 'цнап (тест сторінок)', kind: 'front_office', windows: '1' });
    const noWindows = await manager.post('/offices', { name: 'Без вікон', kind: 'front_office', windows: '0' });
    expect(noWindows.text).toContain('Кількість вікон — ціле число від 1 до 50');
    expect(dup.text).toContain('Місце прийому з такою назвою вже є');

    const badHours = await manager.post(`${url}/hours`, { 'opens-1': '9', 'closes-1': '17:00' });
    expect(badHours.status).toBe(400);
    expect(badHours.text).toContain('Введіть час у форматі ГГ:ХХ');
    const reversed = await manager.post(`${url}/hours`, { 'opens-1': '17:00', 'closes-1': '09:00' });
    expect(reversed.text).toContain('кінець має бути пізніше за початок');
    const hours = await manager.post(`${url}/hours`, {
      'opens-1': '09:00',
      'closes-1': '17:00',
      'breakStarts-1': '12:00',
      'breakEnds-1': '13:00',
      'opens-3': '10:00',
      'closes-3': '14:00',
    });
    expect(hours.status).toBe(303);
    const badSeats = await manager.post(`${url}/services`, { serviceId: svc, slotMinutes: '30', seats: '0' });
    expect(badSeats.text).toContain('Кількість — ціле число від 1 до 20');
    expect((await manager.post(`${url}/services`, { serviceId: svc, slotMinutes: '20', seats: '2' })).status).toBe(303);
    const fd = await userId(t, 'frontdesk');
    expect((await manager.post(`${url}/staff`, { userId: fd })).status).toBe(303);
    const badAbsence = await manager.post(`${url}/absences`, {
      absenceUserId: fd,
      from: '10.12.2026',
      to: '01.12.2026',
    });
    expect(badAbsence.text).toContain('Кінцева дата має бути не раніше початкової');
    const absence = { absenceUserId: fd, from: displayDate(tomorrow), to: displayDate(tomorrow), reason: 'відпустка' };
    expect((await manager.post(`${url}/absences`, absence)).status).toBe(303);
    const page = await manager.get(url);
    expect(page.text).toContain('Довідка (тест місць)');
    expect(page.text).toContain('відпустка');
    expect(page.text).toContain('value="12:00"');
    const week = await t.owner<{ weekday: number }>(
      'SELECT weekday FROM office_hours WHERE office_id = $1 ORDER BY weekday',
      [id],
    );
    expect(week.rows.map((r) => r.weekday)).toEqual([1, 3]);
    const audited = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'office.%' AND entity_id = $1",
      [id],
    );
    expect(audited.rows[0].n).toBe(5);
  });

  it('are read by staff who book, and changed by nobody else', async () => {
    const worker = await signedIn(t, 'worker');
    expect((await worker.get('/offices')).status).toBe(200);
    expect((await worker.get('/offices/new')).status).toBe(403);
    expect((await worker.post('/offices', { name: 'Спроба', kind: 'front_office' })).status).toBe(403);
    const provider = await signedIn(t, 'provider');
    expect((await provider.get('/offices')).status).toBe(403);
    expect((await provider.get('/appointments')).status).toBe(403);
  });
});

describe('slots and booking through the API', () => {
  let svc: string;
  let officeId: string;
  beforeAll(async () => {
    svc = (await service(t, { name: 'Консультація (тест запису)' })).id;
    officeId = await office(t, { services: [{ serviceId: svc, slotMinutes: 30, seats: 1 }] });
  });

  it('lists the open offices and the free slots with Kyiv offsets', async () => {
    const offices = await api('GET', '/offices');
    expect(offices.status).toBe(200);
    const mine = offices
      .json<{ items: { id: string; services: { id: string; slotMinutes: number }[] }[] }>()
      .items.find((o) => o.id === officeId);
    expect(mine?.services).toEqual([expect.objectContaining({ id: svc, slotMinutes: 30 })]);
    const slots = await api('GET', `/offices/${officeId}/slots?serviceId=${svc}&from=${tomorrow}&to=${tomorrow}`);
    expect(slots.status).toBe(200);
    const items = slots.json<{ items: { start: string; free: number }[] }>().items;
    expect(items).toHaveLength(20); // 08:00–18:00 in half hours
    expect(items[0].start).toMatch(new RegExp(`^${tomorrow}T08:00:00\\+0[23]:00$`));
    const other = (await service(t, { name: 'Не тут (тест запису)' })).id;
    const notHere = await api('GET', `/offices/${officeId}/slots?serviceId=${other}`);
    expect(notHere.status).toBe(400);
    expect(notHere.text).toContain('Це місце не приймає цю послугу');
  });

  it('gives one slot to exactly one of 100 parallel requests; the rest get 409', async () => {
    const start = `${tomorrow}T10:00`;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api('POST', '/appointments', { officeId, serviceId: svc, start, contact: contact(`Абонент ${i}`) }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(results.find((r) => r.status === 409)!.text).toContain('Цей час щойно зайняли');
    expect(await live(officeId)).toBe(1);
    const slots = await api('GET', `/offices/${officeId}/slots?serviceId=${svc}&from=${tomorrow}&to=${tomorrow}`);
    expect(slots.json<{ items: { start: string }[] }>().items.map((s) => s.start.slice(0, 16))).not.toContain(start);
  });

  it('audits every refused attempt of a crowd, and answers callers who may not book there as if alone', async () => {
    const start = `${tomorrow}T10:30`;
    const refusedSoFar = async () =>
      (
        await t.owner<{ refused: number; extra: number; booked: number }>(
          `SELECT count(*) FILTER (WHERE action = 'api.appointments.create' AND reason = 'refused: conflict')::int
                    AS refused,
                  count(*) FILTER (WHERE action = 'api.appointments.create' AND reason IS NULL)::int AS extra,
                  count(*) FILTER (WHERE action = 'appointment.book' AND actor_label LIKE '%(API %')::int AS booked
           FROM audit_log WHERE actor_id = $1`,
          [await userId(t, 'frontdesk')],
        )
      ).rows[0];
    const before = await refusedSoFar();
    // A starosta may book only at the offices of their district (this office has none); a token of another hromada
    // does not see the office at all. In the middle of a crowd for the same time, they are answered as when alone.
    const starostaToken = await apiTokenFor(t, 'starosta');
    const foreign = await staffUser(t, { hromadaId: (await newHromada(t)).id, role: 'frontdesk' });
    const foreignToken = await apiTokenFor(t, foreign.username);
    const alone = {
      starosta: (
        await api(
          'POST',
          '/appointments',
          { officeId, serviceId: svc, start: `${tomorrow}T15:00`, contact: contact() },
          starostaToken,
        )
      ).status,
      foreign: (
        await api(
          'POST',
          '/appointments',
          { officeId, serviceId: svc, start: `${tomorrow}T15:00`, contact: contact() },
          foreignToken,
        )
      ).status,
    };
    expect(alone.starosta).toBe(404);
    expect(alone.foreign).toBe(404);
    const bearers = Array.from({ length: 60 }, (_, i) =>
      i % 20 === 7 ? starostaToken : i % 20 === 13 ? foreignToken : token,
    );
    const results = await Promise.all(
      bearers.map((b, i) =>
        api('POST', '/appointments', { officeId, serviceId: svc, start, contact: contact(`Натовп ${i}`) }, b),
      ),
    );
    const of = (b: string) => results.filter((_, i) => bearers[i] === b).map((r) => r.status);
    expect(of(starostaToken).every((s) => s === alone.starosta)).toBe(true);
    expect(of(foreignToken).every((s) => s === alone.foreign)).toBe(true);
    expect(of(token).filter((s) => s === 201)).toHaveLength(1);
    expect(of(token).filter((s) => s === 409)).toHaveLength(of(token).length - 1);
    expect(await live(officeId)).toBe(2);
    const after = await refusedSoFar();
    expect(after.refused - before.refused).toBe(of(token).length - 1);
    // The booking's own entry is the call's: one entry, not a second one for the call.
    expect(after.booked - before.booked).toBe(1);
    expect(after.extra - before.extra).toBe(0);
  });

  it('fills every seat of a slot and no more', async () => {
    const svc2 = (await service(t, { name: 'Два вікна (тест запису)' })).id;
    const two = await office(t, { services: [{ serviceId: svc2, seats: 2 }] });
    const start = `${tomorrow}T11:00`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api('POST', '/appointments', { officeId: two, serviceId: svc2, start, contact: contact() }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await live(two)).toBe(2);
  });

  it('refuses a past time, a time off the grid, a closed day, a holiday and a second visit of the same person', async () => {
    const book = (o: Record<string, unknown>) =>
      api('POST', '/appointments', { officeId, serviceId: svc, contact: contact(), ...o });
    const past = await book({ start: `${addDays(today, -1)}T10:00` });
    expect(past.status).toBe(400);
    expect(past.text).toContain('Цей час уже минув');
    const offGrid = await book({ start: `${tomorrow}T10:10` });
    expect(offGrid.text).toContain('Такого часу прийому немає в графіку');
    const late = await book({ start: `${tomorrow}T19:00` });
    expect(late.text).toContain('Такого часу прийому немає в графіку');
    const far = await book({ start: `${addDays(today, 90)}T10:00` });
    expect(far.text).toContain('не далі ніж на 60 днів');
    expect((await book({ start: 'завтра' })).status).toBe(400);
    expect((await api('POST', '/appointments', { officeId, serviceId: svc, start: `${tomorrow}T12:00` })).status).toBe(
      400,
    );

    // An office open one weekday only: the next day is closed.
    const svc3 = (await service(t, { name: 'Один день (тест запису)' })).id;
    const oneDay = await office(t, {
      services: [{ serviceId: svc3 }],
      hours: [{ weekday: isoWeekday(tomorrow), opens: '09:00', closes: '12:00', breakStarts: null, breakEnds: null }],
    });
    const closed = await api('POST', '/appointments', {
      officeId: oneDay,
      serviceId: svc3,
      start: `${addDays(tomorrow, 1)}T09:00`,
      contact: contact(),
    });
    expect(closed.text).toContain('Цього дня тижня місце не приймає');

    // The hromada's own day off (the working calendar) closes every office.
    const day = addDays(today, 3);
    const [y, m, d] = day.split('-');
    await manager.get('/working-calendar');
    expect(
      (
        await manager.post('/working-calendar/days', {
          'date-day': d,
          'date-month': m,
          'date-year': y,
          name: 'День громади',
          kind: 'holiday',
        })
      ).status,
    ).toBe(303);
    const holiday = await book({ start: `${day}T10:00` });
    expect(holiday.text).toContain('свято або вихідний громади');

    // The same registry person at the same time in another office is refused; at another time it is fine.
    const personId = await person(t, { lastName: 'Записана' });
    expect((await book({ start: `${tomorrow}T14:00`, contact: undefined, personId })).status).toBe(201);
    const svc4 = (await service(t, { name: 'Інше місце (тест запису)' })).id;
    const elsewhere = await office(t, { services: [{ serviceId: svc4, slotMinutes: 60 }] });
    const twice = await api('POST', '/appointments', {
      officeId: elsewhere,
      serviceId: svc4,
      start: `${tomorrow}T14:00`,
      personId,
    });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('вже є інший запис');
    expect(
      (
        await api('POST', '/appointments', {
          officeId: elsewhere,
          serviceId: svc4,
          start: `${tomorrow}T15:00`,
          personId,
        })
      ).status,
    ).toBe(201);
    expect(await live(elsewhere)).toBe(1);
    // A caller known only by a phone number is the same person by that number: a second visit at an overlapping time
    // is refused, another number at that time is fine (the overlap's statement names only the keys the booker has).
    const caller = contact('Абонент за телефоном');
    expect((await book({ start: `${tomorrow}T16:30`, contact: caller })).status).toBe(201);
    const samePhone = await api('POST', '/appointments', {
      officeId: elsewhere,
      serviceId: svc4,
      start: `${tomorrow}T16:00`,
      contact: { name: 'Інше ім’я', phone: caller.phone },
    });
    expect(samePhone.status).toBe(400);
    expect(samePhone.text).toContain('вже є інший запис');
    const otherPhone = await api('POST', '/appointments', {
      officeId: elsewhere,
      serviceId: svc4,
      start: `${tomorrow}T16:00`,
      contact: contact('Інший абонент'),
    });
    expect(otherPhone.status).toBe(201);
  });

  it('cancels with DELETE once, frees the time, and keeps other hromadas out', async () => {
    const start = `${tomorrow}T16:00`;
    const made = await api('POST', '/appointments', { officeId, serviceId: svc, start, contact: contact() });
    expect(made.status).toBe(201);
    const id = made.json<{ id: string }>().id;
    const cancelled = await api('DELETE', `/appointments/${id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json<{ status: string }>().status).toBe('cancelled');
    expect((await api('DELETE', `/appointments/${id}`)).status).toBe(409);
    expect((await api('POST', '/appointments', { officeId, serviceId: svc, start, contact: contact() })).status).toBe(
      201,
    );

    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'frontdesk', hromadaId: other.id });
    const otherToken = await apiTokenFor(t, stranger.username);
    expect((await api('GET', `/offices/${officeId}/slots?serviceId=${svc}`, undefined, otherToken)).status).toBe(404);
    expect((await api('DELETE', `/appointments/${id}`, undefined, otherToken)).status).toBe(404);
    expect(
      (
        await api(
          'POST',
          '/appointments',
          { officeId, serviceId: svc, start: `${tomorrow}T17:00`, contact: contact() },
          otherToken,
        )
      ).status,
    ).toBe(404);
  });
});

describe('the front office and the starosta', () => {
  it('book a caller on the page, see the day list, mark the outcome, move and cancel', async () => {
    const svc = (await service(t, { name: 'Прийом у ЦНАП (тест сторінок)' })).id;
    const officeId = await office(t, { name: 'ЦНАП (день)', services: [{ serviceId: svc }] });
    const picker = await frontdesk.get(`/appointments/new?officeId=${officeId}&serviceId=${svc}`);
    expect(picker.status).toBe(200);
    expect(picker.text).toContain(`value="${tomorrow}T09:00"`);
    const noName = await frontdesk.post('/appointments', { officeId, serviceId: svc, start: `${tomorrow}T09:00` });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('Вкажіть прізвище та ім’я');
    const badPhone = await frontdesk.post('/appointments', {
      officeId,
      serviceId: svc,
      start: `${tomorrow}T09:00`,
      contactName: 'Петренко Ганна',
      contactPhone: '12345',
    });
    expect(badPhone.text).toContain('Введіть український номер');
    const booked = await frontdesk.post('/appointments', {
      officeId,
      serviceId: svc,
      start: `${tomorrow}T09:00`,
      contactName: 'Петренко Ганна',
      contactPhone: '067 123 45 67',
    });
    expect(booked.status).toBe(303);
    const id = booked.headers.get('location')!.split('/').pop()!.split('?')[0];
    const day = await frontdesk.get(`/appointments?date=${tomorrow}&officeId=${officeId}`);
    expect(day.text).toContain('Петренко Ганна');
    expect(day.text).toContain('+380 67 123 45 67');
    // Not yet the day of the visit: no outcome.
    expect((await frontdesk.post(`/appointments/${id}/outcome`, { outcome: 'attended' })).status).toBe(409);

    // Moved to 10:00: the old visit is cancelled and points to the new one, the person stays.
    await frontdesk.get(`/appointments/new?replaces=${id}`);
    const moved = await frontdesk.post('/appointments', {
      replaces: id,
      officeId,
      serviceId: svc,
      start: `${tomorrow}T10:00`,
    });
    expect(moved.status).toBe(303);
    const newId = moved.headers.get('location')!.split('/').pop()!.split('?')[0];
    const rows = await t.owner<{ id: string; status: string; moved_to: string | null; contact_name: string }>(
      'SELECT id, status, moved_to, contact_name FROM appointments WHERE id = ANY($1::uuid[])',
      [[id, newId]],
    );
    expect(rows.rows.find((r) => r.id === id)).toMatchObject({ status: 'cancelled', moved_to: newId });
    expect(rows.rows.find((r) => r.id === newId)).toMatchObject({ status: 'booked', contact_name: 'Петренко Ганна' });
    expect((await frontdesk.get(`/appointments/${newId}/cancel`)).text).toContain('Скасувати запис?');
    expect((await frontdesk.post(`/appointments/${newId}/cancel`)).status).toBe(303);
    expect(await live(officeId)).toBe(0);
    // The SMS of the booking, the move and the cancellation go through the outbox to the log-only sender.
    // (the app's own outbox poller may be sending them already: wait for the log to have them).
    const log = () => {
      const file = path.join(t.services.config.dataDir, 'sms-outbox.log');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    };
    // Each message is polled for: the poller and this flush may each be writing one of them.
    await flushOutbox(t.services);
    await expect
      .poll(log, { timeout: 5000 })
      .toMatch(/To: \+380671234567\n\nВаш запис на прийом скасовано: Прийом у ЦНАП/);
    await expect
      .poll(log, { timeout: 5000 })
      .toMatch(
        /To: \+380671234567\n\nВи записані на прийом: Прийом у ЦНАП \(тест сторінок\), ЦНАП \(день\), [0-9.]+ о 10:00/,
      );
  });

  it('lets a starosta book only at the offices of their district', async () => {
    const svc = (await service(t, { name: 'Прийом у старостаті (тест)' })).id;
    const { rows } = await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    );
    const village = await office(t, {
      kind: 'starosta_office',
      districtId: rows[0].district_id,
      services: [{ serviceId: svc }],
    });
    const town = await office(t, { services: [{ serviceId: svc }] });
    const starosta = await signedIn(t, 'starosta');
    const page = await starosta.get('/appointments/new');
    expect(page.text).toContain(village);
    expect(page.text).not.toContain(town);
    expect(
      (
        await starosta.post('/appointments', {
          officeId: village,
          serviceId: svc,
          start: `${tomorrow}T09:00`,
          contactName: 'Коваль Іван',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await starosta.post('/appointments', {
          officeId: town,
          serviceId: svc,
          start: `${tomorrow}T09:00`,
          contactName: 'Коваль Іван',
        })
      ).status,
    ).toBe(404);
    const channel = await t.owner<{ channel: string }>('SELECT channel FROM appointments WHERE office_id = $1', [
      village,
    ]);
    expect(channel.rows[0].channel).toBe('starosta');
    // Each office's page links to its visits, queue console and statistics only where the starosta reaches them.
    const links = (id: string) => [`/appointments?officeId=${id}`, `/queue/${id}/console`, `/queue/${id}/stats`];
    const own = (await starosta.get(`/offices/${village}`)).text;
    for (const l of links(village)) expect(own).toContain(l);
    const other = (await starosta.get(`/offices/${town}`)).text;
    for (const l of links(town)) expect(other).not.toContain(l);
    // The console and the statistics of an office they do not reach are refused (the day list is a filter: it shows
    // only the offices they reach).
    for (const l of links(town).slice(1)) expect((await starosta.get(l)).status, l).toBe(404);
  });
});

describe('a visit that ends in an application', () => {
  it('is linked to it by the registration number, and both pages show the other; the person card lists the visit', async () => {
    const svc = (await service(t, { name: 'Прийом із заявою (тест)' })).id;
    const officeId = await office(t, {
      services: [{ serviceId: svc, slotMinutes: 5 }],
      hours: everyDay('00:00', '23:59'),
    });
    const personId = await person(t, { lastName: 'Заявниця' });
    // The next free time today (late in the evening there may be none left: then tomorrow, and linking waits for it).
    const free = await api('GET', `/offices/${officeId}/slots?serviceId=${svc}&from=${today}&to=${tomorrow}`);
    const start = free.json<{ items: { start: string }[] }>().items[0].start.slice(0, 16);
    const made = await api('POST', '/appointments', { officeId, serviceId: svc, start, personId });
    expect(made.status).toBe(201);
    const id = made.json<{ id: string }>().id;
    const applicationId = await application(t, { personId, serviceId: svc, status: 'registered' });
    const number = (
      await t.owner<{ n: string }>('SELECT registration_number AS n FROM applications WHERE id = $1', [applicationId])
    ).rows[0].n;
    await frontdesk.get(`/appointments/${id}`);
    if (start.slice(0, 10) !== today) {
      expect((await frontdesk.post(`/appointments/${id}/application`, { number })).status).toBe(409);
      return;
    }
    const wrong = await frontdesk.post(`/appointments/${id}/application`, { number: '0000-000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Заяви з таким номером немає');
    expect((await frontdesk.post(`/appointments/${id}/application`, { number })).status).toBe(303);
    const outcome = await frontdesk.post(`/appointments/${id}/outcome`, {
      outcome: 'attended',
      outcomeNote: 'Прийняли заяву на субсидію',
    });
    expect(outcome.status).toBe(303);
    const visit = await frontdesk.get(`/appointments/${id}`);
    expect(visit.text).toContain(number);
    expect(visit.text).toContain('Прийшов(-ла)');
    expect(visit.text).toContain('Прийняли заяву на субсидію');
    expect((await frontdesk.get(`/applications/${applicationId}`)).text).toContain('Запис на прийом, з якого заява');
    const card = await frontdesk.get(`/persons/${personId}`);
    expect(card.text).toContain('Прийом із заявою (тест)');
    // The children's service reads the registry but not visits: no section on the card.
    const children = await signedIn(t, 'children');
    const other = await children.get(`/persons/${personId}`);
    expect(other.status).toBe(200);
    expect(other.text).not.toContain('Записи на прийом');
  });
});

describe('remote consultations', () => {
  it('book a video room of the hromada’s service and reserve a sign-language interpreter, never two at once', async () => {
    const svc = (await service(t, { name: 'Консультація психолога (відео)' })).id;
    await manager.get('/offices/new');
    const noUrl = await manager.post('/offices', { name: 'Відеоконсультації', kind: 'remote', windows: '1' });
    expect(noUrl.text).toContain('вкажіть адресу відеокімнати');
    const http = await manager.post('/offices', {
      name: 'Відеоконсультації',
      kind: 'remote',
      windows: '1',
      videoUrl: 'http://meet.example.org/x',
    });
    expect(http.text).toContain('Адреса має починатися з https://');
    const made = await manager.post('/offices', {
      name: 'Відеоконсультації',
      kind: 'remote',
      windows: '1',
      videoUrl: 'https://meet.example.org/{room}',
    });
    expect(made.status).toBe(303);
    const remote = made.headers.get('location')!.split('?')[0].split('/').pop()!;
    expect(
      (await manager.post(`/offices/${remote}/services`, { serviceId: svc, slotMinutes: '30', seats: '3' })).status,
    ).toBe(303);
    await manager.post(
      `/offices/${remote}/hours`,
      Object.fromEntries(
        [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
          [`opens-${d}`, '08:00'],
          [`closes-${d}`, '18:00'],
        ]),
      ),
    );

    const book = (o: Record<string, unknown>) =>
      api('POST', '/appointments', { officeId: remote, serviceId: svc, start: `${tomorrow}T10:00`, ...o });
    const none = await book({ contact: contact(), interpreter: true });
    expect(none.status).toBe(400);
    expect(none.text).toContain('ще не має перекладачів жестової мови');
    await manager.get('/offices');
    expect((await manager.post('/offices/interpreters', { interpreters: '1' })).status).toBe(303);
    const first = await book({ contact: { name: 'Глуха Ольга', email: 'olha@example.com' }, interpreter: true });
    expect(first.status).toBe(201);
    const busy = await book({ contact: contact(), interpreter: true });
    expect(busy.status).toBe(400);
    expect(busy.text).toContain('усі перекладачі жестової мови зайняті');
    expect((await book({ contact: contact() })).status).toBe(201);

    const id = first.json<{ id: string }>().id;
    const page = await frontdesk.get(`/appointments/${id}`);
    expect(page.text).toMatch(/https:\/\/meet\.example\.org\/turbota-[0-9a-f]{16}/);
    expect(page.text).toContain('зарезервовано');
    // Found by the visit's own room (the outbox clears the address once the message is handed to the mail queue).
    const room = /turbota-[0-9a-f]{16}/.exec(page.text)![0];
    const note = await t.owner<{ text: string }>(
      "SELECT text FROM notifications WHERE kind = 'appointment_booked' AND strpos(text, $1) > 0",
      [room],
    );
    expect(note.rows[0].text).toMatch(/Посилання на відеоконсультацію: https:\/\/meet\.example\.org\/turbota-/);
    expect(note.rows[0].text).toContain('буде перекладач жестової мови');
    // Cancelled, the interpreter is free again.
    expect((await api('DELETE', `/appointments/${id}`)).status).toBe(200);
    expect((await book({ contact: contact(), interpreter: true })).status).toBe(201);
  });
});

describe('a resident', () => {
  it('books from the cabinet, gets the confirmation with a link, moves and cancels by the link', async () => {
    const svc = (await service(t, { name: 'Запис онлайн (тест кабінету)' })).id;
    const officeId = await office(t, { name: 'ЦНАП (онлайн)', services: [{ serviceId: svc, seats: 2 }] });
    const r = await resident(t, { password: true });
    const me = await signedIn(t, { email: r.email });
    expect((await me.get('/cabinet/appointments')).text).toContain('Майбутніх записів немає');
    const step1 = await me.get('/cabinet/appointments/new');
    expect(step1.text).toContain('Запис онлайн (тест кабінету)');
    const step3 = await me.get(`/cabinet/appointments/new?serviceId=${svc}&officeId=${officeId}`);
    expect(step3.text).toContain(`value="${tomorrow}T09:30"`);
    const booked = await me.post('/cabinet/appointments', { officeId, serviceId: svc, start: `${tomorrow}T09:30` });
    expect(booked.status).toBe(303);
    const id = booked.headers.get('location')!.split('/').pop()!.split('?')[0];
    expect((await me.get('/cabinet/appointments')).text).toContain('Запис онлайн (тест кабінету)');
    // The same time again (a seat is still free) is refused as a second visit of the same person.
    const again = await me.post('/cabinet/appointments', { officeId, serviceId: svc, start: `${tomorrow}T09:30` });
    expect(again.status).toBe(400);
    expect(again.text).toContain('На цей час у людини вже є інший запис');
    // Another resident cannot open it.
    const other = await signedIn(t, { email: (await resident(t, { password: true })).email });
    expect((await other.get(`/cabinet/appointments/${id}`)).status).toBe(404);

    // Addressed to the resident's e-mail: still waiting in the outbox, or already handed to the mail queue (which
    // clears the address; the outbox runs every second in this app).
    const note = await t.owner<{ text: string; email_to: string | null; emailed: boolean }>(
      `SELECT text, email_to, emailed_at IS NOT NULL AS emailed FROM notifications
       WHERE user_id = $1 AND kind = 'appointment_booked'`,
      [r.userId],
    );
    expect(note.rows[0].emailed ? null : r.email).toBe(note.rows[0].email_to);
    // The link is whole (an e-mail or SMS has no page to be relative to): the server's own address without PUBLIC_URL.
    expect(note.rows[0].text).toMatch(/ http:\/\/127\.0\.0\.1:[0-9]+\/visit\/[0-9]+\./);
    const link = /\/visit\/([0-9]+\.[A-Za-z0-9_-]{43})/.exec(note.rows[0].text)![1];
    const visitor = t.client();
    const page = await visitor.get(`/visit/${link}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Запис онлайн (тест кабінету)');
    expect(page.text).not.toContain('Мешканець Тестовий');
    const moved = await visitor.post(`/visit/${link}/move`, { start: `${tomorrow}T11:00` });
    expect(moved.status).toBe(303);
    const newLink = /\/visit\/([^?]+)/.exec(moved.headers.get('location')!)![1];
    // The moved visit's page says so in a banner whose title is Ukrainian, not govuk-frontend's English default.
    const movedPage = await visitor.get(moved.headers.get('location')!);
    expect(movedPage.text).toMatch(/govuk-notification-banner__title[^>]*>\s*Готово\s*</);
    expect(movedPage.text).not.toMatch(/>\s*(Success|Important)\s*</);
    expect(newLink).not.toBe(link);
    expect((await visitor.get(`/visit/${link}`)).status).toBe(404);
    await visitor.get(`/visit/${newLink}/cancel`);
    expect((await visitor.post(`/visit/${newLink}/cancel`)).status).toBe(200);
    expect((await visitor.get(`/visit/${newLink}`)).status).toBe(404);
    expect((await t.client().get('/visit/1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    expect(await live(officeId)).toBe(0);
    const kinds = await t.owner<{ kind: string }>(
      'SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at',
      [r.userId],
    );
    expect(kinds.rows.map((k) => k.kind)).toEqual([
      'appointment_booked',
      'appointment_booked',
      'appointment_cancelled',
    ]);
  });

  it('is reminded the day before, once', async () => {
    const svc = (await service(t, { name: 'Нагадування (тест)' })).id;
    const officeId = await office(t, { services: [{ serviceId: svc }] });
    const made = await api('POST', '/appointments', {
      officeId,
      serviceId: svc,
      start: `${tomorrow}T13:00`,
      contact: { name: 'Нагадати Ользі', email: 'olga@example.com' },
    });
    expect(made.status).toBe(201);
    expect(await sendVisitReminders(t.services, today)).toBeGreaterThanOrEqual(1);
    const sent = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'appointment_reminder' AND text LIKE '%Нагадування (тест)%'",
    );
    expect(sent.rows[0].n).toBe(1);
    await sendVisitReminders(t.services, today);
    const again = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'appointment_reminder' AND text LIKE '%Нагадування (тест)%'",
    );
    expect(again.rows[0].n).toBe(1);
  });
});
