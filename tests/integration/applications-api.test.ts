import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor, foreignApplication } from '../helpers/api.js';
import { addWorkingDays, kyivToday, DEFAULT_CALENDAR } from '../../src/modules/applications/working-days.js';
import { type Channel, demoHromadaId, service as serviceOf } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const tokens: Record<string, string> = {};
const people: Record<string, string> = {};
const svc: Record<string, string> = {};
let foreignApp = '';

interface AppJson {
  id: string;
  registrationNumber: string | null;
  status: string;
  deadline: string | null;
  personId: string;
  serviceId: string;
  channel: string;
  history?: { at: string; event: string; from: string | null; to: string; actor: string; note: string | null }[];
}

const tokenFor = (username: string) => apiTokenFor(t, username);

function api(method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.client().request(method, `/api/v1${path}`, {
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function person(lastName: string, settlementCode: string) {
  const r = await api('POST', '/persons', 'worker', {
    lastName,
    firstName: 'Олег',
    birthDate: '1960-02-02',
    sex: 'male',
    settlementCode,
    confirm: true,
  });
  expect(r.status, r.text).toBe(201);
  return r.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  for (const u of ['worker', 'starosta', 'frontdesk', 'provider']) tokens[u] = await tokenFor(u);
  const district = (
    await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    )
  ).rows[0].district_id;
  const code = async (sql: string) =>
    (await t.owner<{ settlement_code: string }>(sql, [district])).rows[0].settlement_code;
  people.inside = await person(
    'Хуторний',
    await code('SELECT settlement_code FROM district_settlements WHERE district_id = $1 LIMIT 1'),
  );
  people.outside = await person(
    'Городенко',
    await code('SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1'),
  );
  const service = async (name: string, channels: Channel[], active = true) =>
    (await serviceOf(t, { hromadaId, name, channels, active })).id;
  svc.care = await service('Соціальний супровід (тест)', ['online', 'front_office', 'starosta']);
  svc.office = await service('Лише фронт-офіс (тест)', ['front_office']);
  svc.off = await service('Вимкнена (тест)', ['front_office'], false);
  // Another hromada with its own application: invisible from the demo hromada.
  foreignApp = await foreignApplication(t);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/v1/applications', () => {
  it('registers an application on behalf of a person, with number, deadline and history', async () => {
    const r = await api('POST', '/applications', 'frontdesk', {
      personId: people.outside,
      serviceId: svc.care,
      channel: 'front_office',
    });
    expect(r.status, r.text).toBe(201);
    const a = r.json<AppJson>();
    expect(a).toMatchObject({
      status: 'registered',
      personId: people.outside,
      serviceId: svc.care,
      channel: 'front_office',
      deadline: addWorkingDays(kyivToday(), 10, DEFAULT_CALENDAR),
    });
    expect(a.registrationNumber).toMatch(/^СП-\d{4}-\d{6}$/);
    expect(a.history!.map((h) => [h.from, h.to])).toEqual([
      [null, 'submitted'],
      ['submitted', 'registered'],
    ]);
    expect(a.history![0].actor).toBeTruthy();
    expect(Number.isNaN(Date.parse(a.history![0].at))).toBe(false);
    const audit = await t.owner(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action IN ('api.applications.create', 'application.create')",
      [a.id],
    );
    expect(audit.rowCount).toBe(2);
  });

  it('with the same Idempotency-Key creates one application; the key with other data is 409', async () => {
    const key = `key-${crypto.randomUUID()}`;
    const body = { personId: people.outside, serviceId: svc.care, channel: 'front_office' };
    const [one, two] = await Promise.all(
      [1, 2].map(() => api('POST', '/applications', 'frontdesk', body, { 'idempotency-key': key })),
    );
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.json<AppJson>().id).toBe(two.json<AppJson>().id);
    const n = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM applications WHERE idempotency_key = $1', [
      key,
    ]);
    expect(n.rows[0].n).toBe(1);
    const other = await api(
      'POST',
      '/applications',
      'frontdesk',
      { ...body, serviceId: svc.office },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(409);
    const bad = await api('POST', '/applications', 'frontdesk', body, { 'idempotency-key': 'short' });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0].path).toBe('Idempotency-Key');
  });

  it('answers bad input with 400 and field errors in Ukrainian, creating nothing', async () => {
    const before = (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0].n;
    const empty = await api('POST', '/applications', 'frontdesk', {});
    expect(empty.status).toBe(400);
    const errors = empty.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['channel', 'personId', 'serviceId']);
    expect(errors[0].message).toMatch(/[а-яіїєґ]/i);
    const channel = await api('POST', '/applications', 'frontdesk', {
      personId: people.outside,
      serviceId: svc.care,
      channel: 'post',
    });
    expect(channel.status).toBe(400);
    const notOffered = await api('POST', '/applications', 'frontdesk', {
      personId: people.outside,
      serviceId: svc.office,
      channel: 'starosta',
    });
    expect(notOffered.status).toBe(400);
    expect(notOffered.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'channel', message: 'Ця послуга не надається через цей канал подання' },
    ]);
    const off = await api('POST', '/applications', 'frontdesk', {
      personId: people.outside,
      serviceId: svc.off,
      channel: 'front_office',
    });
    expect(off.status).toBe(400);
    expect(off.json<{ errors: { path: string }[] }>().errors[0].path).toBe('serviceId');
    const nobody = await api('POST', '/applications', 'frontdesk', {
      personId: crypto.randomUUID(),
      serviceId: svc.care,
      channel: 'front_office',
    });
    expect(nobody.status).toBe(404);
    expect((await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0].n).toBe(before);
  });

  it('a starosta registers only for persons of the district; a provider not at all', async () => {
    const ok = await api('POST', '/applications', 'starosta', {
      personId: people.inside,
      serviceId: svc.care,
      channel: 'starosta',
    });
    expect(ok.status).toBe(201);
    const no = await api('POST', '/applications', 'starosta', {
      personId: people.outside,
      serviceId: svc.care,
      channel: 'starosta',
    });
    expect(no.status).toBe(403);
    const provider = await api('POST', '/applications', 'provider', {
      personId: people.outside,
      serviceId: svc.care,
      channel: 'front_office',
    });
    expect(provider.status).toBe(403);
  });
});

describe('GET /api/v1/applications', () => {
  it('returns one application with its history; 404 for another hromada or none; 400 for a bad id', async () => {
    const created = (
      await api('POST', '/applications', 'frontdesk', {
        personId: people.outside,
        serviceId: svc.care,
        channel: 'front_office',
      })
    ).json<AppJson>();
    const r = await api('GET', `/applications/${created.id}`, 'worker');
    expect(r.status).toBe(200);
    expect(r.json<AppJson>()).toMatchObject({
      id: created.id,
      registrationNumber: created.registrationNumber,
      status: 'registered',
    });
    expect(r.json<AppJson>().history).toHaveLength(2);
    const audit = await t.owner(
      "SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'application.view.api' AND operation = 'read'",
      [created.id],
    );
    expect(audit.rowCount).toBeGreaterThanOrEqual(2);
    expect((await api('GET', `/applications/${foreignApp}`, 'worker')).status).toBe(404);
    expect((await api('GET', `/applications/${crypto.randomUUID()}`, 'worker')).status).toBe(404);
    expect((await api('GET', '/applications/not-a-uuid', 'worker')).status).toBe(400);
    expect((await api('GET', `/applications/${created.id}`, 'starosta')).status).toBe(403);
  });

  it('lists by status with total, limited to the starosta’s district', async () => {
    const list = await api('GET', '/applications?status=registered&limit=2', 'worker');
    expect(list.status).toBe(200);
    const page = list.json<{ items: AppJson[]; total: number }>();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items.every((i) => i.status === 'registered' && /^\d{4}-\d{2}-\d{2}$/.test(i.deadline ?? ''))).toBe(
      true,
    );
    expect(page.items.some((i) => i.id === foreignApp)).toBe(false);
    const starosta = (await api('GET', '/applications', 'starosta')).json<{ items: AppJson[]; total: number }>();
    expect(starosta.total).toBe(1);
    expect(starosta.items[0].personId).toBe(people.inside);
    const none = (await api('GET', '/applications?status=completed', 'worker')).json<{
      items: AppJson[];
      total: number;
    }>();
    expect(none).toEqual({ items: [], total: 0 });
    const bad = await api('GET', '/applications?status=bogus&limit=0', 'worker');
    expect(bad.status).toBe(400);
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['limit', 'status']);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/applications'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/applications/{id}'] ?? {})).toEqual(['get']);
  });
});
