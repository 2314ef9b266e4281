import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import type { Res } from '../helpers/http.js';

/**
 * The OpenAPI document against the routes' real answers: every route is called the ways a client
 * can get it wrong (no token, a role without the right, malformed ids and bodies, unknown records,
 * too large or non-JSON bodies, too many calls) and right; every status that comes back must be
 * documented for that operation.
 */
let t: TestApp;
let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const tokens: Record<string, string> = {};
const seen = new Map<string, Set<number>>();
let settlement: string;

async function call(
  method: string,
  template: string,
  o: { path?: string; who?: string | null; body?: unknown; raw?: string; type?: string } = {},
): Promise<Res> {
  const path = o.path ?? template;
  const who = o.who === undefined ? 'manager' : o.who;
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${tokens[who] ?? who}`;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (body !== undefined) headers['content-type'] = o.type ?? 'application/json';
  const res = await t.client().request(method, `/api/v1${path}`, { headers, body });
  const key = `${method.toLowerCase()} ${template}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(res.status);
  return res;
}

const uuid = () => crypto.randomUUID();
const fill = (template: string, id: string) => template.replace(/\{[^}]+\}/g, id);

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['manager', 'worker', 'admin', 'provider', 'starosta']) tokens[u] = await apiTokenFor(t, u);
  doc = (await t.client().get('/api/v1/openapi.json')).json();
  settlement = (await t.owner<{ settlement_code: string }>('SELECT settlement_code FROM district_settlements LIMIT 1'))
    .rows[0].settlement_code;
});
afterAll(async () => {
  await t?.close();
});

describe('every status an API operation answers is in the OpenAPI document', () => {
  it('generic refusals of every operation: no token, another role, bad ids, unknown records, bad bodies', async () => {
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
        if (template === '/openapi.json') {
          await call(method, template, { who: null });
          continue;
        }
        const withBody = method !== 'GET';
        const body = withBody ? {} : undefined;
        await call(method, template, { path: fill(template, uuid()), who: null, body });
        for (const who of ['admin', 'provider', 'starosta', 'manager'])
          await call(method, template, { path: fill(template, uuid()), who, body });
        if (template.includes('{')) await call(method, template, { path: fill(template, 'not-an-id'), body });
        if (withBody) {
          const path = fill(template, uuid());
          await call(method, template, { path, raw: '{"broken":', type: 'application/json' });
          await call(method, template, { path, raw: 'a=1', type: 'application/x-www-form-urlencoded' });
          await call(method, template, { path, raw: JSON.stringify({ pad: 'x'.repeat(1100 * 1024) }) });
        }
      }
    }
  });

  it("the operations' own answers: created, found, conflicts, unknown records in bodies and queries", async () => {
    await call('GET', '/me');
    await call('PATCH', '/me', { body: { locale: 'uk' } });
    await call('GET', '/persons', { path: `/persons?q=${encodeURIComponent('Коваль')}` });
    await call('GET', '/persons', { path: '/persons?q=3652504575' });
    await call('GET', '/persons', { path: '/persons?limit=1000' });
    await call('POST', '/persons/search', { body: { q: '3652504575' } });
    const person = {
      lastName: 'Статусний',
      firstName: 'Тест',
      birthDate: '2000-01-01',
      sex: 'male',
      rnokpp: '3652504575',
      settlementCode: settlement,
    };
    const created = await call('POST', '/persons', { body: person, who: 'worker' });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await call('POST', '/persons', { body: person, who: 'worker' })).status).toBe(409);
    await call('POST', '/persons', { body: { ...person, rnokpp: undefined, lastName: '' } });
    await call('GET', '/persons/{id}', { path: `/persons/${id}` });
    await call('PATCH', '/persons/{id}', { path: `/persons/${id}`, body: { firstName: 'Тестовий', version: 99 } });
    await call('PATCH', '/persons/{id}', { path: `/persons/${id}`, body: { firstName: 'Тестовий' } });
    await call('GET', '/households', { path: `/households?personId=${uuid()}` });
    await call('GET', '/households', { path: `/households?personId=${id}` });
    await call('POST', '/households', { body: { headPersonId: uuid() } });
    const hh = await call('POST', '/households', { body: { headPersonId: id } });
    expect(hh.status).toBe(201);
    await call('GET', '/households/{id}', { path: `/households/${hh.json<{ id: string }>().id}` });
    const services = await call('GET', '/services');
    const serviceId = services.json<{ items: { id: string }[] }>().items[0].id;
    await call('GET', '/services/{id}', { path: `/services/${serviceId}` });
    await call('POST', '/applications', { body: { personId: uuid(), serviceId, channel: 'front_office' } });
    const app = await call('POST', '/applications', { body: { personId: id, serviceId, channel: 'front_office' } });
    const appId = app.json<{ id: string }>().id;
    await call('GET', '/applications/{id}', { path: `/applications/${appId}` });
    await call('GET', '/applications');
    await call('POST', '/applications/{id}/transitions', {
      path: `/applications/${appId}/transitions`,
      body: { command: 'complete' },
    });
    await call('POST', '/applications/{id}/transitions', {
      path: `/applications/${appId}/transitions`,
      body: { command: 'startReview', version: 99 },
    });
    await call('GET', '/assignments');
  });

  it('too many calls with one token: 429', async () => {
    const noisy = `tb_${crypto.randomBytes(32).toString('base64url')}`;
    let last: Res | null = null;
    for (let i = 0; i < 16 && last?.status !== 429; i++) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => call('GET', '/me', { who: noisy })));
      last = batch.find((r) => r.status === 429) ?? batch[batch.length - 1];
    }
    expect(last?.status).toBe(429);
  });

  it('lists each of those statuses for its operation', () => {
    const undocumented: string[] = [];
    for (const [key, statuses] of seen) {
      const [method, template] = key.split(' ');
      const documented = Object.keys(doc.paths[template]?.[method]?.responses ?? {});
      for (const s of statuses)
        if (!documented.includes(String(s))) undocumented.push(`${method.toUpperCase()} ${template} → ${s}`);
    }
    expect(seen.size).toBeGreaterThanOrEqual(
      Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0),
    );
    expect(undocumented).toEqual([]);
    // The probes did reach each kind of answer.
    const all = new Set([...seen.values()].flatMap((x) => [...x]));
    expect([...all].sort()).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 404, 409, 413, 415, 429]));
  });
});
