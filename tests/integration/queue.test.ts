import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { everyDay, newHromada, office, service, signedIn, staffUser } from '../factories/index.js';
import { apiTokenFor } from '../helpers/api.js';
import { displayDate, kyivToday } from '../../src/platform/dates.js';

/** Issue 14 item 3: the electronic queue — kiosk, screen, a window's console, statistics. */
let t: TestApp;
let frontdesk: HttpClient;
let officeId: string;
let svcA: string;
let svcB: string;

const ticketOf = (location: string | null) => /\/tickets\/([0-9a-f-]{36})$/.exec(location ?? '')![1];
const status = async (id: string) =>
  (
    await t.owner<{ status: string; window_no: number | null; calls: number }>(
      'SELECT status, window_no, calls FROM queue_tickets WHERE id = $1',
      [id],
    )
  ).rows[0];

beforeAll(async () => {
  t = await startTestApp();
  svcA = (await service(t, { name: 'Субсидія (черга)' })).id;
  svcB = (await service(t, { name: 'Довідка (черга)' })).id;
  officeId = await office(t, {
    name: 'ЦНАП (черга)',
    windows: 2,
    services: [{ serviceId: svcA }, { serviceId: svcB }],
  });
  frontdesk = await signedIn(t, 'frontdesk');
});
afterAll(async () => {
  await t?.close();
});

describe('the electronic queue', () => {
  const visitor = () => t.client();
  const take = async (serviceId: string) => {
    const v = visitor();
    await v.get(`/queue/${officeId}`);
    const r = await v.post(`/queue/${officeId}/tickets`, { serviceId });
    expect(r.status).toBe(303);
    return { id: ticketOf(r.location), page: await v.get(r.location!) };
  };
  const command = (id: string, cmd: string, window = 1, extra: Record<string, string> = {}) =>
    frontdesk.post(`/queue/${officeId}/tickets/${id}/command`, { command: cmd, window: String(window), ...extra });
  const call = (window: number) => frontdesk.post(`/queue/${officeId}/console/call`, { window: String(window) });
  const screen = async () =>
    (await visitor().get(`/queue/${officeId}/screen.json`)).json<{
      called: { code: string; window: number; calls: number }[];
    }>().called;

  it('gives a visitor a numbered ticket per service letter at the kiosk, without signing in', async () => {
    const kiosk = await visitor().get(`/queue/${officeId}`);
    expect(kiosk.status).toBe(200);
    expect(kiosk.text).toContain('Субсидія (черга)');
    const a1 = await take(svcA);
    expect(a1.page.text).toContain('А-001');
    expect(a1.page.text).toContain('Перед вами 0 людей');
    const a2 = await take(svcA);
    expect(a2.page.text).toContain('А-002');
    expect(a2.page.text).toContain('Перед вами 1 людина');
    const b1 = await take(svcB);
    expect(b1.page.text).toContain('Б-001');

    const v = visitor();
    await v.get(`/queue/${officeId}`);
    const none = await v.post(`/queue/${officeId}/tickets`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Оберіть послугу з каталогу');
    const other = (await service(t, { name: 'Не в цьому місці (черга)' })).id;
    const notHere = await v.post(`/queue/${officeId}/tickets`, { serviceId: other });
    expect(notHere.text).toContain('Це місце не приймає цю послугу');
    const noBooking = await v.post(`/queue/${officeId}/tickets`, { phone: '067 000 11 22' });
    expect(noBooking.status).toBe(400);
    expect(noBooking.text).toContain('Сьогоднішнього запису з таким номером телефону тут не знайдено');
    expect((await visitor().get('/queue/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is called at a window, shown on the screen, recalled, served, marked not come and sent on', async () => {
    const console1 = await frontdesk.get(`/queue/${officeId}/console?window=1`);
    expect(console1.status).toBe(200);
    expect(console1.text).toContain('Очікують: 3');
    expect((await call(1)).status).toBe(303);
    const [a1] = (
      await t.owner<{ id: string }>(
        "SELECT id FROM queue_tickets WHERE office_id = $1 AND letter = 'А' AND number = 1",
        [officeId],
      )
    ).rows;
    expect(await status(a1.id)).toMatchObject({ status: 'called', window_no: 1, calls: 1 });
    expect(await screen()).toEqual([expect.objectContaining({ code: 'А-001', window: 1 })]);
    const page = await visitor().get(`/queue/${officeId}/screen`);
    expect(page.text).toContain('А-001');
    expect(page.text).toContain('http-equiv="refresh"');
    // A window that has someone cannot call the next.
    expect((await call(1)).status).toBe(409);
    expect((await command(a1.id, 'finish')).status).toBe(409); // not being served yet
    expect((await command(a1.id, 'recall')).status).toBe(303);
    expect((await status(a1.id)).calls).toBe(2);
    expect((await command(a1.id, 'start')).status).toBe(303);
    expect((await command(a1.id, 'finish')).status).toBe(303);
    expect((await status(a1.id)).status).toBe('served');
    expect(await screen()).toEqual([]);
    expect((await command(a1.id, 'recall')).status).toBe(409);

    // Two windows call at once: two different tickets.
    const [r1, r2] = await Promise.all([call(1), call(2)]);
    expect([r1.status, r2.status]).toEqual([303, 303]);
    const called = await t.owner<{ id: string; letter: string; number: number; window_no: number }>(
      "SELECT id, letter, number, window_no FROM queue_tickets WHERE office_id = $1 AND status = 'called' ORDER BY window_no",
      [officeId],
    );
    expect(called.rows.map((r) => r.window_no)).toEqual([1, 2]);
    expect(new Set(called.rows.map((r) => `${r.letter}${r.number}`)).size).toBe(2);
    const [at1, at2] = called.rows;
    expect((await command(at1.id, 'noShow')).status).toBe(303);
    expect((await status(at1.id)).status).toBe('no_show');
    // Window 2 sends its visitor to window 1; sending to itself is refused.
    expect((await command(at2.id, 'redirect', 2, { to: '2' })).status).toBe(400);
    expect((await command(at2.id, 'redirect', 2, { to: '1' })).status).toBe(303);
    expect(await status(at2.id)).toMatchObject({ status: 'waiting', window_no: 1 });
    // Window 2 has nobody left (the ticket waits for window 1); window 1 gets it.
    expect((await call(2)).location).toContain('done=nobody');
    expect((await call(1)).location).toContain('done=called');
    expect(await status(at2.id)).toMatchObject({ status: 'called', window_no: 1 });
  });

  it('lets the front office issue a ticket, and shows the waiting and service times per service and hour', async () => {
    await frontdesk.get(`/queue/${officeId}/console?window=2`);
    expect((await frontdesk.post(`/queue/${officeId}/console/issue`, { window: '2', serviceId: svcB })).status).toBe(
      303,
    );
    expect((await frontdesk.get(`/queue/${officeId}/console?window=2`)).text).toContain('Б-002');
    const stats = await frontdesk.get(`/queue/${officeId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.text).toContain('Субсидія (черга)');
    expect(stats.text).toMatch(/талонів 4, обслуговано 1, не прийшли 1/);
    // The period typed as people write dates (дд.мм.рррр); a date that is no date is said so on its field.
    const typed = await frontdesk.get(`/queue/${officeId}/stats?from=${displayDate(kyivToday())}`);
    expect(typed.text).toMatch(/талонів 4, обслуговано 1, не прийшли 1/);
    const noDate = await frontdesk.get(`/queue/${officeId}/stats?to=2026-13-01`);
    expect(noDate.status).toBe(400);
    expect(noDate.text).toContain('Введіть дату у форматі дд.мм.рррр, наприклад 05.03.2026');
  });

  it('gives a booked visitor a ticket for the booking by the phone number, once', async () => {
    const svc = (await service(t, { name: 'Запис і черга' })).id;
    const place = await office(t, {
      services: [{ serviceId: svc, slotMinutes: 5 }],
      hours: everyDay('00:00', '23:59'),
    });
    const token = await apiTokenFor(t, 'frontdesk');
    const api = (method: string, path: string, body?: unknown) =>
      t.client().request(method, `/api/v1${path}`, {
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const today = kyivToday();
    const free = (await api('GET', `/offices/${place}/slots?serviceId=${svc}&from=${today}&to=${today}`)).json<{
      items: { start: string }[];
    }>().items;
    const v = visitor();
    await v.get(`/queue/${place}`);
    if (!free.length) {
      // The last minutes of the day: no time left to book today, so no booking is found.
      expect((await v.post(`/queue/${place}/tickets`, { phone: '067 555 44 33' })).status).toBe(400);
      return;
    }
    const made = await api('POST', '/appointments', {
      officeId: place,
      serviceId: svc,
      start: free[0].start,
      contact: { name: 'Записаний Відвідувач', phone: '+380675554433' },
    });
    expect(made.status).toBe(201);
    const r = await v.post(`/queue/${place}/tickets`, { phone: '067 555 44 33' });
    expect(r.status).toBe(303);
    const page = await v.get(r.location!);
    expect(page.text).toContain('А-001');
    expect(page.text).toContain(`запис на ${free[0].start.slice(11, 16)}`);
    expect(page.text).not.toContain('Записаний Відвідувач');
    // The booking has its ticket: the same number again finds nothing.
    expect((await v.post(`/queue/${place}/tickets`, { phone: '067 555 44 33' })).status).toBe(400);
    const audited = await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'queue.ticket.booking' AND entity_id = $1",
      [made.json<{ id: string }>().id],
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it('keeps the console to the office staff of the hromada', async () => {
    const provider = await signedIn(t, 'provider');
    expect((await provider.get(`/queue/${officeId}/console`)).status).toBe(403);
    expect((await provider.get(`/queue/${officeId}/stats`)).status).toBe(403);
    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'frontdesk', hromadaId: other.id });
    const c = await signedIn(t, stranger.username, { hromadaCode: other.code });
    expect((await c.get(`/queue/${officeId}/console`)).status).toBe(404);
    await c.get('/');
    expect((await c.post(`/queue/${officeId}/console/call`, { window: '1' })).status).toBe(404);
  });

  it('gives each hromada of a deployment its own kiosk and screen', async () => {
    const other = await newHromada(t);
    const svc = (await service(t, { name: 'Консультація (друга громада)', hromadaId: other.id })).id;
    const theirs = await office(t, {
      hromadaId: other.id,
      name: 'ЦНАП другої громади',
      services: [{ serviceId: svc }],
    });
    const v = visitor();
    const kiosk = await v.get(`/queue/${theirs}`);
    expect(kiosk.status).toBe(200);
    expect(kiosk.text).toContain('Консультація (друга громада)');
    const ticket = await v.post(`/queue/${theirs}/tickets`, { serviceId: svc });
    expect(ticket.status).toBe(303);
    expect((await v.get(`/queue/${theirs}/screen`)).status).toBe(200);
    // An id that is no open office of an active hromada is 404.
    expect((await v.get('/queue/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
