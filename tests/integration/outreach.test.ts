import http from 'node:http';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import {
  agencyOfUser,
  application,
  demoHromadaId,
  serviceAssignment,
  kase,
  office,
  person,
  service,
  signedIn,
  staffActor,
  staffUser,
  trip,
  userId,
} from '../factories/index.js';
import { bookAppointment } from '../../src/modules/appointments/use-cases/book-appointment.js';
import { addDays, displayDate, kyivToday } from '../../src/platform/dates.js';
import { makeRnokpp } from '../../src/modules/persons/identity/rnokpp.js';

/** Issue 14 items 4, 5 and 8: outreach trips, the offline package, the sync of its operations and its conflicts. */
let t: TestApp;
let manager: HttpClient;
let worker: HttpClient;
let workerId: string;
let place: { code: string; name: string };
const tomorrow = addDays(kyivToday(), 1);
// The smallest JPEG header the content check accepts, and a bit of body: a "photographed document".
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(2048)]);

interface Pkg {
  token: string;
  package: {
    id: string;
    tripId: string;
    workerId: string;
    expiresAt: string;
    salt: string;
    trip: { stops: { id: string; personId: string }[] };
    persons: { id: string; version: number; lastName: string; phone: string | null; cases: { id: string }[] }[];
    services: { id: string; name: string; documents: { id: string }[] }[];
  };
}

async function json(c: HttpClient, method: 'POST' | 'GET', path: string, body?: unknown, headers = {}) {
  const token = (await c.get('/outreach/csrf', { accept: 'application/json' })).json<{ token: string }>().token;
  return c.request(method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': token,
      ...headers,
    },
  });
}
const takePackage = async (c: HttpClient, tripId: string, password = t.creds.password) =>
  json(c, 'POST', `/outreach/trips/${tripId}/package`, { password });
const sync = (c: HttpClient, token: string, op: Record<string, unknown>) =>
  json(c, 'POST', '/outreach/sync', { op }, { 'x-outreach-package': token });
const op = (kind: string, o: Record<string, unknown>): Record<string, unknown> => ({
  opId: crypto.randomUUID(),
  at: new Date().toISOString(),
  kind,
  ...o,
});
const count = async (sql: string, args: unknown[]) => (await t.owner<{ n: number }>(sql, args)).rows[0].n;

beforeAll(async () => {
  t = await startTestApp();
  manager = await signedIn(t, 'manager');
  worker = await signedIn(t, 'worker');
  workerId = await userId(t, 'worker');
  place = (
    await t.owner<{ code: string; name: string }>(
      `SELECT s.code, s.name FROM settlements s JOIN hromadas h ON h.code = s.hromada_code WHERE h.id = $1
       ORDER BY s.code LIMIT 1`,
      [await demoHromadaId(t)],
    )
  ).rows[0];
});
afterAll(async () => {
  await t?.close();
});

describe('planning a trip', () => {
  it('refuses a bad plan in Ukrainian, plans a good one, suggests residents and orders the stops', async () => {
    await manager.get('/outreach/new');
    const bad = await manager.post('/outreach', { date: '31.02.2026', title: 'В', settlements: [], staff: [] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Вкажіть дату виїзду у вигляді дд.мм.рррр');
    expect(bad.text).toContain('Оберіть хоча б один населений пункт громади');
    expect(bad.text).toContain('Оберіть хоча б одного працівника громади');
    const alien = await manager.post('/outreach', {
      date: displayDate(tomorrow),
      title: 'Виїзд до села',
      settlements: ['UA99999999999999999'],
      staff: [workerId],
    });
    expect(alien.status).toBe(400);
    expect(alien.text).toContain('Оберіть хоча б один населений пункт громади');

    // Residents the trip could visit: a booking at an outreach point that day, an open case, an application in work.
    const svc = (await service(t, { name: 'Догляд вдома (виїзд)' })).id;
    const point = await office(t, { name: 'Виїзний пункт (тест)', kind: 'outreach', services: [{ serviceId: svc }] });
    const booked = await person(t, { lastName: 'Записаний', firstName: 'Петро', settlementCode: place.code });
    const withCase = await person(t, { lastName: 'Випадковий', firstName: 'Олег', settlementCode: place.code });
    const applied = await person(t, { lastName: 'Заявниця', firstName: 'Ірина', settlementCode: place.code });
    await kase(t, { personId: withCase });
    await application(t, { personId: applied, serviceId: svc });
    await bookAppointment({
      services: t.services,
      actor: await staffActor(t, { username: 'frontdesk' }),
      officeId: point,
      serviceId: svc,
      start: `${tomorrow}T10:00`,
      personId: booked,
      contact: null,
      note: null,
      channel: 'front_office',
    });

    const made = await manager.post('/outreach', {
      date: displayDate(tomorrow),
      title: 'Виїзд до села (тест)',
      settlements: [place.code],
      staff: [workerId],
    });
    expect(made.status).toBe(303);
    const tripId = /\/outreach\/trips\/([0-9a-f-]{36})/.exec(made.location ?? '')![1];
    const page = await manager.get(`/outreach/trips/${tripId}`);
    expect(page.text).toContain('Виїзд до села (тест)');
    expect(page.text).toContain('Записаний Петро');
    expect(page.text).toContain('Випадковий Олег');
    expect(page.text).toContain('Заявниця Ірина');
    for (const [personId, source] of [
      [booked, 'booking'],
      [withCase, 'case'],
      [applied, 'application'],
    ])
      expect((await manager.post(`/outreach/trips/${tripId}/stops`, { personId, source, reason: 'тест' })).status).toBe(
        303,
      );
    const twice = await manager.post(`/outreach/trips/${tripId}/stops`, { personId: booked, source: 'manual' });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('Ця особа вже є на маршруті');

    const order = async () =>
      (
        await t.owner<{ person_id: string }>(
          'SELECT person_id FROM outreach_stops WHERE trip_id = $1 ORDER BY position',
          [tripId],
        )
      ).rows.map((r) => r.person_id);
    expect(await order()).toEqual([booked, withCase, applied]);
    const third = (
      await t.owner<{ id: string }>('SELECT id FROM outreach_stops WHERE trip_id = $1 AND person_id = $2', [
        tripId,
        applied,
      ])
    ).rows[0].id;
    await manager.get(`/outreach/trips/${tripId}`);
    await manager.post(`/outreach/trips/${tripId}/stops/${third}/move`, { direction: 'up' });
    expect(await order()).toEqual([booked, applied, withCase]);

    // Removing asks first; a visit's outcome is recorded.
    const ask = await manager.get(`/outreach/trips/${tripId}/stops/${third}/remove`);
    expect(ask.text).toContain('Вилучити з маршруту?');
    // The page names the person: an audited read of them. Another trip's stop, or none, is not found.
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'outreach.trip.read' AND entity_type = 'person' AND entity_id = $1",
        [applied],
      ),
    ).toBe(1);
    expect((await manager.get(`/outreach/trips/${crypto.randomUUID()}/stops/${third}/remove`)).status).toBe(404);
    expect((await manager.get(`/outreach/trips/${tripId}/stops/${crypto.randomUUID()}/remove`)).status).toBe(404);
    await manager.post(`/outreach/trips/${tripId}/stops/${third}/remove`);
    expect(await order()).toEqual([booked, withCase]);
    const first = (
      await t.owner<{ id: string }>('SELECT id FROM outreach_stops WHERE trip_id = $1 AND person_id = $2', [
        tripId,
        booked,
      ])
    ).rows[0].id;
    await manager.get(`/outreach/trips/${tripId}`);
    const noOutcome = await manager.post(`/outreach/trips/${tripId}/stops/${first}/outcome`, {});
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.text).toContain('Оберіть результат відвідування');
    await manager.post(`/outreach/trips/${tripId}/stops/${first}/outcome`, {
      outcome: 'served',
      note: 'Оформлено догляд',
    });
    expect((await manager.get(`/outreach/trips/${tripId}`)).text).toContain('Оформлено догляд');

    // Found by hand (the query is posted, not put in the URL).
    const found = await manager.post(`/outreach/trips/${tripId}/find`, { q: 'Заявниця' });
    expect(found.text).toContain('Заявниця Ірина');
  });

  it('keeps trips from roles that do not plan them, and from other workers’ packages', async () => {
    // A provider's worker goes on trips too: they see only the trips they are on (none here).
    const provider = await signedIn(t, 'provider');
    const providerList = await provider.get('/outreach');
    expect(providerList.status).toBe(200);
    expect(providerList.text).not.toContain('Виїзд старости');
    expect((await provider.get('/outreach/new')).status).toBe(403);
    const frontdesk = await signedIn(t, 'frontdesk');
    expect((await frontdesk.get('/outreach')).status).toBe(403);
    // A starosta on a trip sees that trip only.
    const starostaId = await userId(t, 'starosta');
    const p = await person(t, { lastName: 'Сільська', firstName: 'Ганна' });
    const own = (
      await t.owner<{ settlement_code: string }>(
        `SELECT ds.settlement_code FROM district_settlements ds JOIN grants g ON g.district_id = ds.district_id
         JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta' ORDER BY ds.settlement_code LIMIT 1`,
      )
    ).rows[0].settlement_code;
    const villager = await person(t, { lastName: 'Своя', firstName: 'Олена', settlementCode: own });
    const mine = await trip(t, { staff: [starostaId], stops: [p, villager], title: 'Виїзд старости' });
    const other = await trip(t, { staff: [workerId], stops: [p], title: 'Виїзд іншого' });
    const starosta = await signedIn(t, 'starosta');
    const list = await starosta.get('/outreach');
    expect(list.text).toContain('Виїзд старости');
    expect(list.text).not.toContain('Виїзд іншого');
    expect((await starosta.get(`/outreach/trips/${other}`)).status).toBe(404);
    // On their trip a starosta sees only the residents of their district: one outside it (no district) is denied.
    const minePage = await starosta.get(`/outreach/trips/${mine}`);
    expect(minePage.status).toBe(200);
    expect(minePage.text).toContain('Своя Олена');
    expect(minePage.text).not.toContain('Сільська Ганна');
    expect(minePage.text).toContain('Ще 1 зупинку маршруту не показано');
    const starostaPkg = (await takePackage(starosta, mine)).json<Pkg>().package;
    expect(starostaPkg.persons.map((x) => x.id)).toEqual([villager]);
    expect(starostaPkg.trip.stops.map((x) => x.personId)).toEqual([villager]);
    // The package is for the trip's staff only.
    expect((await takePackage(manager, other)).status).toBe(404);
  });
});

describe('the offline package and its sync', () => {
  let tripId: string;
  let visited: string;
  let elsewhere: string;
  let svc: { id: string };
  let pkg: Pkg;

  beforeAll(async () => {
    svc = await service(t, { name: 'Соціальна допомога (виїзд)' });
    visited = await person(t, { lastName: 'Відвідувана', firstName: 'Олена', phone: '+380501112233' });
    elsewhere = await person(t, { lastName: 'Стороння', firstName: 'Марта' });
    await kase(t, { personId: visited });
    tripId = await trip(t, { staff: [workerId], stops: [visited] });
  });

  it('gives the trip’s residents only, for the worker’s own password, and audits each of them', async () => {
    const wrong = await takePackage(worker, tripId, 'not-my-password');
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ message: string }>().message).toBe('Невірний пароль');
    const r = await takePackage(worker, tripId);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    pkg = r.json<Pkg>();
    expect(pkg.package.persons.map((p) => p.id)).toEqual([visited]);
    expect(JSON.stringify(pkg)).not.toContain(elsewhere);
    expect(pkg.package.persons[0].cases).toHaveLength(1);
    expect(pkg.package.services.some((s) => s.id === svc.id)).toBe(true);
    expect(pkg.package.workerId).toBe(workerId);
    expect(Buffer.from(pkg.package.salt, 'base64')).toHaveLength(16);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'outreach.package.person' AND entity_id = $1`,
        [visited],
      ),
    ).toBe(1);
  });

  it('applies a new person and an application with a photographed document once, however often it is sent', async () => {
    const personRef = crypto.randomUUID();
    const create = op('person.create', {
      personRef,
      data: { lastName: 'Новенька', firstName: 'Софія', birthDate: '1950-03-04', settlementCode: place.code },
    });
    const first = await sync(worker, pkg.token, create);
    expect(first.status).toBe(200);
    const made = first.json<{ status: string; result: { personId: string } }>();
    expect(made).toMatchObject({ status: 'applied' });
    const again = await sync(worker, pkg.token, create);
    expect(again.json<{ status: string; result: { personId: string } }>()).toEqual({
      opId: create.opId,
      status: 'repeated',
      result: made.result,
    });
    expect(await count("SELECT count(*)::int AS n FROM persons WHERE last_name = 'Новенька'", [])).toBe(1);

    const apply = op('application.create', {
      personRef,
      serviceId: svc.id,
      confirmed: true,
      documents: [{ requirement: 'other', fileName: 'паспорт.jpg', dataBase64: JPEG.toString('base64') }],
    });
    const a = (await sync(worker, pkg.token, apply)).json<{
      status: string;
      result: { applicationId: string; registrationNumber: string };
    }>();
    expect(a.status).toBe('applied');
    expect((await sync(worker, pkg.token, apply)).json<{ status: string }>().status).toBe('repeated');
    expect(
      await count('SELECT count(*)::int AS n FROM applications WHERE person_id = $1 AND outreach_trip_id = $2', [
        made.result.personId,
        tripId,
      ]),
    ).toBe(1);
    expect(
      await count('SELECT count(*)::int AS n FROM application_documents WHERE application_id = $1', [
        a.result.applicationId,
      ]),
    ).toBe(1);
    // The office's ordinary queue shows it as an outreach visit, with the trip.
    const queue = await manager.get('/applications');
    expect(queue.text).toContain(a.result.registrationNumber);
    expect(queue.text).toContain('Виїзний прийом');
    // The new person became a stop of the trip, and the trip's report counts what came back.
    const page = await manager.get(`/outreach/trips/${tripId}`);
    expect(page.text).toContain('Новенька Софія');
    expect(page.text).toContain(a.result.registrationNumber);
  });

  it('resumes a sync cut in the middle: the operation the server took is not applied twice', async () => {
    const note = op('case.note', {
      caseId: pkg.package.persons[0].cases[0].id,
      text: 'Відвідали вдома, потребує допомоги з ліками',
      happenedOn: kyivToday(),
    });
    const csrf = (await worker.get('/outreach/csrf', { accept: 'application/json' })).json<{ token: string }>().token;
    const cookie = (worker as unknown as { cookieHeader(): string }).cookieHeader();
    // The connection drops right after the request went out: no answer reaches the device.
    await new Promise<void>((resolve) => {
      const body = JSON.stringify({ op: note });
      const url = new URL('/outreach/sync', t.baseUrl);
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
          cookie,
          'x-csrf-token': csrf,
          'x-outreach-package': pkg.token,
        },
      });
      req.on('error', () => resolve());
      req.end(body, () => {
        req.destroy();
        resolve();
      });
    });
    // The device sends it again on the next sync; whether or not the first one got through, there is one note.
    const resumed = (await sync(worker, pkg.token, note)).json<{ status: string }>();
    expect(['applied', 'repeated']).toContain(resumed.status);
    expect((await sync(worker, pkg.token, note)).json<{ status: string }>().status).toBe('repeated');
    expect(
      await count(
        "SELECT count(*)::int AS n FROM case_notes WHERE text = 'Відвідали вдома, потребує допомоги з ліками'",
        [],
      ),
    ).toBe(1);
  });

  it('refuses an operation outside the trip or with a bad document, storing nothing of it', async () => {
    const outside = await sync(
      worker,
      pkg.token,
      op('application.create', { personId: elsewhere, serviceId: svc.id, confirmed: true, documents: [] }),
    );
    expect(outside.json<{ status: string; message: string }>()).toMatchObject({
      status: 'refused',
      message: 'Ця особа або запис не належить до маршруту виїзду',
    });
    const before = await count('SELECT count(*)::int AS n FROM applications WHERE person_id = $1', [visited]);
    const badDoc = await sync(
      worker,
      pkg.token,
      op('application.create', {
        personId: visited,
        serviceId: svc.id,
        confirmed: true,
        documents: [
          { requirement: 'other', fileName: 'x.exe', dataBase64: Buffer.from('MZ not a photo').toString('base64') },
        ],
      }),
    );
    expect(badDoc.json<{ status: string; message: string }>()).toMatchObject({
      status: 'refused',
      message: 'Документ має бути фото (JPEG, PNG) або PDF',
    });
    expect(await count('SELECT count(*)::int AS n FROM applications WHERE person_id = $1', [visited])).toBe(before);
    const unconfirmed = await sync(
      worker,
      pkg.token,
      op('application.create', { personId: visited, serviceId: svc.id, confirmed: false, documents: [] }),
    );
    expect(unconfirmed.json<{ message: string }>().message).toBe('Заява має бути підтверджена заявником');
  });

  it('refuses a registration on the РНОКПП field when the number is wrong or someone’s in the registry', async () => {
    const taken = makeRnokpp('1950-02-03', 'male', 2000 + crypto.randomInt(2000));
    await person(t, { lastName: 'Наявний', firstName: 'Петро', rnokpp: taken });
    const register = (rnokpp: string) =>
      sync(
        worker,
        pkg.token,
        op('person.create', {
          personRef: crypto.randomUUID(),
          data: { lastName: 'Двійник', firstName: 'Петро', rnokpp },
        }),
      );
    const duplicate = await register(taken);
    expect(duplicate.json()).toMatchObject({
      status: 'refused',
      field: 'rnokpp',
      message: 'Особа з таким РНОКПП уже є в реєстрі',
    });
    const mistyped = await register(`${taken.slice(0, 9)}${(Number(taken[9]) + 1) % 10}`);
    expect(mistyped.json()).toMatchObject({ status: 'refused', field: 'rnokpp' });
    expect(await count("SELECT count(*)::int AS n FROM persons WHERE last_name = 'Двійник'", [])).toBe(0);
  });

  it('keeps a person changed on the device and here as a conflict, resolved field by field with both versions kept', async () => {
    const base = pkg.package.persons[0];
    // Meanwhile the office changes the phone.
    const edit = await manager.get(`/persons/${visited}/edit`);
    expect(edit.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(edit.text)![1];
    const saved = await manager.post(`/persons/${visited}/edit`, {
      lastName: 'Відвідувана',
      firstName: 'Олена',
      phone: '+380509998877',
      version,
    });
    expect(saved.status).toBe(303);
    const change = op('person.update', {
      personId: visited,
      baseVersion: base.version,
      patch: { phone: '+380671234567', street: 'вул. Садова' },
    });
    const r = (await sync(worker, pkg.token, change)).json<{ status: string; conflictUrl: string }>();
    expect(r).toMatchObject({ status: 'conflict' });
    expect((await sync(worker, pkg.token, change)).json<{ status: string }>().status).toBe('conflict');
    // Nothing was overwritten.
    expect((await t.owner<{ phone: string }>('SELECT phone FROM persons WHERE id = $1', [visited])).rows[0].phone).toBe(
      '+380509998877',
    );
    // Listed for the worker and for the manager, not for another worker.
    expect((await worker.get('/outreach/conflicts')).text).toContain('Відвідувана Олена');
    expect((await manager.get('/outreach/conflicts')).text).toContain('Відвідувана Олена');
    const other = await staffUser(t, { role: 'worker' });
    const otherClient = await signedIn(t, { username: other.username });
    expect((await otherClient.get(r.conflictUrl)).status).toBe(404);
    // The device asks what became of it: still open. Another worker cannot ask with this package; a bad body is 400.
    const conflictId = r.conflictUrl.split('/').pop()!;
    const learn = (c: HttpClient, ids: unknown) =>
      json(c, 'POST', '/outreach/sync/conflicts', { ids }, { 'x-outreach-package': pkg.token });
    expect((await learn(worker, [conflictId])).json()).toEqual({ conflicts: [{ id: conflictId, status: 'open' }] });
    expect((await learn(otherClient, [conflictId])).status).toBe(403);
    expect((await learn(worker, ['not-a-uuid'])).status).toBe(400);
    expect((await learn(worker, [])).status).toBe(400);

    const page = await worker.get(r.conflictUrl);
    expect(page.text).toContain('+380671234567');
    expect(page.text).toContain('+380509998877');
    const formVersion = /name="version" value="(\d+)"/.exec(page.text)![1];
    const half = await worker.post(r.conflictUrl, { version: formVersion, 'choice-phone': 'device' });
    expect(half.status).toBe(400);
    expect(half.text).toContain('Оберіть значення для кожного поля');
    const done = await worker.post(r.conflictUrl, {
      version: formVersion,
      'choice-phone': 'device',
      'choice-street': 'server',
    });
    expect(done.status).toBe(303);
    const now = (
      await t.owner<{ phone: string; reg_street: string | null }>(
        'SELECT phone, reg_street FROM persons WHERE id = $1',
        [visited],
      )
    ).rows[0];
    expect(now).toEqual({ phone: '+380671234567', reg_street: null });
    const kept = (
      await t.owner<{ device: Record<string, string>; server: Record<string, string>; status: string }>(
        'SELECT device, server, status FROM outreach_conflicts WHERE person_id = $1',
        [visited],
      )
    ).rows[0];
    expect(kept).toMatchObject({
      status: 'resolved',
      device: { phone: '+380671234567', street: 'вул. Садова' },
      server: { phone: '+380509998877', street: null },
    });
    expect((await worker.get(r.conflictUrl)).text).toContain('Конфлікт розв’язано');
    // The device learns the outcome: the resident as the resolution left them, with the version to base changes on
    // (an unknown conflict id is not answered); the read is audited.
    const readsBefore = await count(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'outreach.package.person' AND entity_id = $1",
      [visited],
    );
    const learned = (await learn(worker, [conflictId, crypto.randomUUID()])).json<{
      conflicts: { id: string; status: string; person: { version: number; phone: string; street: null } }[];
    }>();
    expect(learned.conflicts).toHaveLength(1);
    expect(learned.conflicts[0]).toMatchObject({
      id: conflictId,
      status: 'resolved',
      person: { id: visited, phone: '+380671234567', street: null },
    });
    const current = (await t.owner<{ version: number }>('SELECT version FROM persons WHERE id = $1', [visited]))
      .rows[0];
    expect(learned.conflicts[0].person.version).toBe(current.version);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'outreach.package.person' AND entity_id = $1",
        [visited],
      ),
    ).toBe(readsBefore + 1);
    // A change based on the learned version is applied, not another conflict.
    const next = await sync(
      worker,
      pkg.token,
      op('person.update', { personId: visited, baseVersion: current.version, patch: { house: '7' } }),
    );
    expect(next.json<{ status: string }>().status).toBe('applied');
    // The person card keeps the trip and the conflict in the person's history.
    const card = await manager.get(`/persons/${visited}`);
    expect(card.text).toContain('Виїзди до особи');
    expect(card.text).toContain('Конфлікти синхронізації даних особи');
  });

  it('starts the installed app at the trips list; its offline page names no one and is the trip staff’s', async () => {
    const start = await worker.get('/outreach/start');
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/outreach');
    const offline = await worker.get('/outreach/offline');
    expect(offline.status).toBe(200);
    expect(offline.text).toContain('Робочі місця виїздів на цьому пристрої');
    expect(offline.text).not.toContain('Відвідувана');
    const anonymous = t.client();
    expect((await anonymous.get('/outreach/offline')).status).not.toBe(200);
    expect((await anonymous.get('/outreach/start')).headers.get('location')).not.toBe('/outreach');
  });

  it('refuses a tampered, another worker’s, replaced or finished package as a whole', async () => {
    const note = () => op('stop.record', { stopId: pkg.package.trip.stops[0].id, outcome: 'served' });
    const [id, sig] = pkg.token.split('.');
    const flipped = `${id}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const tampered = await sync(worker, flipped, note());
    expect(tampered.status).toBe(409);
    expect(tampered.json<{ message: string }>().message).toContain('Пакет пошкоджено');
    // Another member of the same trip's staff cannot use this worker's package.
    const second = await staffUser(t, { role: 'worker' });
    const secondClient = await signedIn(t, { username: second.username });
    const theirs = await sync(secondClient, pkg.token, note());
    expect(theirs.status).toBe(403);
    // A new package replaces the old one: the old one's sync is a replay.
    const fresh = (await takePackage(worker, tripId)).json<Pkg>();
    const replay = await sync(worker, pkg.token, note());
    expect(replay.status).toBe(409);
    expect(replay.json<{ message: string }>().message).toContain('замінено');
    expect((await sync(worker, fresh.token, note())).json<{ status: string }>().status).toBe('applied');
    // The trip's end closes its packages.
    await manager.get(`/outreach/trips/${tripId}`);
    expect((await manager.post(`/outreach/trips/${tripId}/finish`, { report: 'Усіх відвідали' })).status).toBe(303);
    const late = await sync(worker, fresh.token, note());
    expect(late.status).toBe(409);
    expect(late.json<{ message: string }>().message).toContain('Виїзд завершено');
    // Without a session the device is told to sign in again (its data stays).
    const anonymous = t.client();
    const noSession = await anonymous.request('POST', '/outreach/sync', {
      body: JSON.stringify({ op: note() }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect([401, 403]).toContain(noSession.status);
  });

  it('wipes the device’s stored data at logout', async () => {
    const c = await signedIn(t, 'worker');
    await c.get('/staff');
    const out = await c.post('/logout');
    expect(out.status).toBe(303);
    expect(out.headers.get('clear-site-data')).toContain('"storage"');
  });
});

describe('a provider’s worker on a trip', () => {
  it('sees only the residents their provider serves, and records the services delivered offline', async () => {
    const providerId = await userId(t, 'provider');
    const agencyId = await agencyOfUser(t, 'provider');
    const care = (await service(t, { name: 'Догляд вдома (виїзд постачальника)' })).id;
    const client = await person(t, { lastName: 'Підопічна', firstName: 'Оксана', settlementCode: place.code });
    const stranger = await person(t, { lastName: 'Сторонній', firstName: 'Іван', settlementCode: place.code });
    const notOnTrip = await person(t, { lastName: 'Поза', firstName: 'Маршрутом', settlementCode: place.code });
    const assignment = (
      await serviceAssignment(t, { personId: client, serviceId: care, agencyId, startedOn: addDays(kyivToday(), -20) })
    ).id;
    const elsewhere = (await serviceAssignment(t, { personId: notOnTrip, serviceId: care, agencyId })).id;
    const tripId = await trip(t, {
      staff: [providerId, workerId],
      stops: [client, stranger],
      title: 'Виїзд з терцентром',
    });

    // The manager's form offers the provider's worker, named with their provider.
    const form = await manager.get(`/outreach/trips/${tripId}/edit`);
    expect(form.text).toMatch(/Наталія Терцентр \([^)]+\)/);

    const provider = await signedIn(t, 'provider');
    expect((await provider.get('/outreach')).text).toContain('Виїзд з терцентром');
    const page = await provider.get(`/outreach/trips/${tripId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Підопічна Оксана');
    expect(page.text).not.toContain('Сторонній');
    expect(page.text).toContain('Ще 1 зупинку маршруту не показано');

    const taken = await takePackage(provider, tripId);
    expect(taken.status).toBe(200);
    const pkg = taken.json<{
      token: string;
      package: {
        may: Record<string, boolean>;
        trip: { stops: { personId: string }[] };
        persons: { id: string; assignments: { id: string; service: string }[] }[];
      };
    }>();
    expect(pkg.package.may).toEqual({ register: false, apply: false, note: false, book: false, act: true });
    expect(pkg.package.persons.map((p) => p.id)).toEqual([client]);
    expect(pkg.package.trip.stops.map((s) => s.personId)).toEqual([client]);
    expect(pkg.package.persons[0].assignments).toEqual([
      expect.objectContaining({ id: assignment, service: 'Догляд вдома (виїзд постачальника)' }),
    ]);
    // The social worker on the same trip gets both residents and no acts to record.
    const workerTaken = await takePackage(await signedIn(t, 'worker'), tripId);
    expect(workerTaken.text).toContain('"may"');
    const workerPkg = workerTaken.json<typeof pkg>().package;
    expect(workerPkg.may.act).toBe(false);
    expect(workerPkg.persons.map((p) => p.id).sort()).toEqual([client, stranger].sort());
    expect(workerPkg.persons.every((p) => p.assignments.length === 0)).toBe(true);

    const yesterday = addDays(kyivToday(), -1);
    const act = op('act.record', {
      assignmentId: assignment,
      date: yesterday,
      startsAt: '10:00',
      minutes: 90,
      place: 'home',
      confirmedBy: 'recipient',
      note: 'Прибирання, покупки',
      signature: { fileName: 'акт.jpg', dataBase64: JPEG.toString('base64') },
    });
    const first = await sync(provider, pkg.token, act);
    expect(first.json<{ status: string }>().status).toBe('applied');
    expect((await sync(provider, pkg.token, act)).json<{ status: string }>().status).toBe('repeated');
    const acts = await t.owner<{ worker_id: string; minutes: number; act_date: string }>(
      "SELECT worker_id, minutes, to_char(act_date, 'YYYY-MM-DD') AS act_date FROM service_acts WHERE assignment_id = $1",
      [assignment],
    );
    expect(acts.rows).toEqual([{ worker_id: providerId, minutes: 90, act_date: yesterday }]);
    // The photographed paper act is kept with the act, as the office's form keeps a scan.
    const scan = await t.owner<{ signature_type: string; signature_key: string | null }>(
      'SELECT signature_type, signature_key FROM service_acts WHERE assignment_id = $1',
      [assignment],
    );
    expect(scan.rows[0].signature_type).toBe('image/jpeg');
    expect(scan.rows[0].signature_key).toMatch(/\S/);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'serviceAct.create' AND entity_id = $1 AND reason LIKE '%via:outreach'",
        [client],
      ),
    ).toBe(1);

    // Refused, nothing stored: a resident not on the trip, a worker's confirmation without its reason, the same time
    // again, and what a provider's worker may not do (take an application).
    const refused = async (o: Record<string, unknown>, message: string) => {
      const r = await sync(provider, pkg.token, o);
      expect(r.json<{ status: string; message: string }>()).toMatchObject({ status: 'refused', message });
    };
    await refused(
      op('act.record', { ...act, opId: crypto.randomUUID(), assignmentId: elsewhere }),
      'Ця особа або запис не належить до маршруту виїзду',
    );
    const { signature: _scan, ...unsigned } = act;
    await refused(
      op('act.record', { ...unsigned, opId: crypto.randomUUID(), date: kyivToday(), confirmedBy: 'worker' }),
      'Зазначте, чому отримувач не міг підписати акт',
    );
    await refused(
      op('act.record', {
        ...act,
        opId: crypto.randomUUID(),
        date: kyivToday(),
        confirmedBy: 'worker',
        confirmReason: 'Не бачить',
      }),
      'Скан підписаного акта додається, лише коли акт підписав отримувач',
    );
    await refused(
      op('act.record', {
        ...act,
        opId: crypto.randomUUID(),
        date: kyivToday(),
        signature: { fileName: 'акт.exe', dataBase64: Buffer.from('MZ not a scan').toString('base64') },
      }),
      'Документ має бути фото (JPEG, PNG) або PDF',
    );
    await refused(
      op('act.record', { ...act, opId: crypto.randomUUID(), startsAt: '10:30' }),
      'Цей працівник у цей час уже надавав іншу послугу: час актів перетинається',
    );
    const app = await sync(
      provider,
      pkg.token,
      op('application.create', { personId: client, serviceId: care, confirmed: true, documents: [] }),
    );
    expect(app.json<{ status: string }>().status).toBe('refused');
    expect(
      await count('SELECT count(*)::int AS n FROM service_acts WHERE assignment_id = ANY($1::uuid[])', [
        [assignment, elsewhere],
      ]),
    ).toBe(1);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM applications WHERE person_id = $1 AND service_id = $2 AND status <> $3',
        [client, care, 'in_delivery'],
      ),
    ).toBe(0);

    // The stop of a resident the provider's worker does not see cannot be recorded, from the page or the device.
    const strangerStop = (
      await t.owner<{ id: string }>('SELECT id FROM outreach_stops WHERE trip_id = $1 AND person_id = $2', [
        tripId,
        stranger,
      ])
    ).rows[0].id;
    expect(
      (await provider.post(`/outreach/trips/${tripId}/stops/${strangerStop}/outcome`, { outcome: 'served' })).status,
    ).toBe(404);
    await refused(
      op('stop.record', { stopId: strangerStop, outcome: 'served' }),
      'Ця особа або запис не належить до маршруту виїзду',
    );
    expect(
      await count('SELECT count(*)::int AS n FROM outreach_stops WHERE id = $1 AND outcome IS NOT NULL', [
        strangerStop,
      ]),
    ).toBe(0);

    // The trip's report counts the services delivered.
    expect((await manager.get(`/outreach/trips/${tripId}`)).text).toContain('наданих послуг — 1');
  });
});
