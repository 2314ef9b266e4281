import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { DEMO_HROMADA } from '../factories/index.js';

let t: TestApp;
let worker: HttpClient;
let bearer: string;

async function addPerson(c: HttpClient, p: Record<string, string>): Promise<string> {
  await c.get('/persons/new');
  const r = await c.post('/persons/new', { sex: 'female', confirm: 'yes', action: 'save', ...p });
  expect(r.status, r.text.slice(0, 2000)).toBe(303);
  return /\/persons\/([0-9a-f-]{36})/.exec(r.location ?? '')![1];
}

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${t.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  t = await startTestApp();
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
  bearer = `tb_${crypto.randomBytes(24).toString('base64url')}`;
  await t.owner(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
    SELECT h.id, u.id, 'test', $1, $2 FROM users u, hromadas h WHERE u.username = 'worker' AND h.code = $3`,
    [crypto.createHash('sha256').update(bearer).digest('hex'), bearer.slice(0, 7), DEMO_HROMADA],
  );
});
afterAll(async () => {
  await t?.close();
});

describe('households on the web', () => {
  let head: string;
  let child: string;
  let household: string;

  it('creates a household from the head’s card, copying the address', async () => {
    const settlement = (
      await t.owner<{ code: string }>(
        `SELECT s.code FROM settlements s WHERE s.hromada_code = $1 ORDER BY s.code LIMIT 1`,
        [DEMO_HROMADA],
      )
    ).rows[0].code;
    head = await addPerson(worker, {
      lastName: 'Бондар',
      firstName: 'Оксана',
      settlementCode: settlement,
      street: 'Шкільна',
      house: '5',
    });
    child = await addPerson(worker, { lastName: 'Бондар', firstName: 'Тарас', sex: 'male' });
    const card = await worker.get(`/persons/${head}`);
    expect(card.text).toContain('Створити домогосподарство');
    const r = await worker.post('/households', { headPersonId: head });
    expect(r.status).toBe(303);
    household = /\/households\/([0-9a-f-]{36})/.exec(r.location!)![1];
    const page = await worker.get(`/households/${household}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Шкільна');
    expect(page.text).toContain('голова');
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE action = 'household.view' AND entity_id = $1", [
      household,
    ]);
    expect(audit.rowCount).toBeGreaterThanOrEqual(1);
  });

  it('adds a member found by a search posted from the household page', async () => {
    await worker.get(`/households/${household}`);
    const found = await worker.post(`/households/${household}/members/search`, { q: 'Бондар Тарас' });
    expect(found.status).toBe(200);
    expect(found.text).toContain(`name="personId" value="${child}"`);
    const r = await worker.post(`/households/${household}/members`, { personId: child, relation: 'child' });
    expect(r.status).toBe(303);
    const page = await worker.get(`/households/${household}`);
    expect(page.text).toContain('Бондар Тарас');
    expect(page.text).toContain('дитина');
    const again = await worker.post(`/households/${household}/members`, { personId: child, relation: 'child' });
    expect(again.status).toBe(409);
    const badRelation = await worker.post(`/households/${household}/members`, { personId: child, relation: 'head' });
    expect(badRelation.status).toBe(400);
    const card = await worker.get(`/persons/${child}`);
    expect(card.text).toContain(`/households/${household}`);
  });

  it('removes a member after confirming: they stay as a former member', async () => {
    const confirm = await worker.get(`/households/${household}/members/${child}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Бондар Тарас');
    const r = await worker.post(`/households/${household}/members/${child}/remove`);
    expect(r.status).toBe(303);
    const row = await t.owner<{ left_on: Date | null }>(
      'SELECT left_on FROM household_members WHERE household_id = $1 AND person_id = $2',
      [household, child],
    );
    expect(row.rows[0].left_on).not.toBeNull();
    expect((await worker.get(`/households/${household}`)).text).toContain('Колишні члени');
    expect(
      (
        await t.owner("SELECT 1 FROM audit_log WHERE action = 'household.member.remove' AND entity_id = $1", [
          household,
        ])
      ).rowCount,
    ).toBe(1);
  });

  it('a starosta of another district gets 403; an unknown id 404; CSRF is required', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'starosta' });
    const d = await t.owner<{ district_id: number | null }>('SELECT district_id FROM households WHERE id = $1', [
      household,
    ]);
    const starostaDistrict = await t.owner<{ district_id: number }>(
      "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
    );
    expect(d.rows[0].district_id).not.toBe(starostaDistrict.rows[0].district_id);
    expect((await c.get(`/households/${household}`)).status).toBe(403);
    expect((await worker.get('/households/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const noCsrf = await worker.post(`/households/${household}/members`, {
      _csrf: null,
      personId: child,
      relation: 'child',
    });
    expect(noCsrf.status).toBe(403);
  });
});

describe('relations checked against birth dates', () => {
  const dateParts = (iso: string) => {
    const [y, m, d] = iso.split('-');
    return { 'birthDate-day': d, 'birthDate-month': m, 'birthDate-year': y };
  };

  it('a child older than the head (the parent younger than the child) is a warning to confirm on the page', async () => {
    const mother = await addPerson(worker, { lastName: 'Вікова', firstName: 'Марта', ...dateParts('1990-01-01') });
    const son = await addPerson(worker, {
      lastName: 'Віковий',
      firstName: 'Остап',
      sex: 'male',
      ...dateParts('1960-06-06'),
    });
    const r = await worker.post('/households', { headPersonId: mother });
    const household = /\/households\/([0-9a-f-]{36})/.exec(r.location!)![1];
    await worker.get(`/households/${household}`);
    const first = await worker.post(`/households/${household}/members`, { personId: son, relation: 'child' });
    expect(first.status).toBe(200);
    expect(first.text).toContain('06.06.1960');
    expect(first.text).toContain('01.01.1990');
    expect(first.text).toContain('Перевірте дати народження й зв’язок');
    const members = () =>
      t.owner('SELECT 1 FROM household_members WHERE household_id = $1 AND person_id = $2', [household, son]);
    expect((await members()).rowCount).toBe(0);
    const unticked = await worker.post(`/households/${household}/members`, {
      personId: son,
      relation: 'child',
      confirmShown: '1',
    });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('Підтвердьте, що дати й зв’язок правильні');
    expect((await members()).rowCount).toBe(0);
    const ok = await worker.post(`/households/${household}/members`, {
      personId: son,
      relation: 'child',
      confirmShown: '1',
      confirm: 'yes',
    });
    expect(ok.status).toBe(303);
    expect((await members()).rowCount).toBe(1);
    // The same person as a parent agrees with the dates: added at once.
    const daughter = await addPerson(worker, { lastName: 'Вікова', firstName: 'Ліна', ...dateParts('2015-02-02') });
    expect(
      (await worker.post(`/households/${household}/members`, { personId: daughter, relation: 'child' })).status,
    ).toBe(303);
  });

  it('the API answers 409 with the warnings until confirm: true', async () => {
    const head = await addPerson(worker, { lastName: 'Апішна', firstName: 'Дана', ...dateParts('2000-01-01') });
    const parent = await addPerson(worker, {
      lastName: 'Апішний',
      firstName: 'Лев',
      sex: 'male',
      ...dateParts('2005-01-01'),
    });
    const refused = await api('POST', '/households', {
      headPersonId: head,
      members: [{ personId: parent, relation: 'parent' }],
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      needsConfirmation: true,
      warnings: [{ personId: parent, warning: 'memberYounger' }],
    });
    const ok = await api('POST', '/households', {
      headPersonId: head,
      members: [{ personId: parent, relation: 'parent' }],
      confirm: true,
    });
    expect(ok.status).toBe(201);
  });
});

describe('households API', () => {
  it('creates, reads and lists households, validated and audited, documented in OpenAPI', async () => {
    const a = await addPerson(worker, { lastName: 'Лисенко', firstName: 'Петро', sex: 'male' });
    const b = await addPerson(worker, { lastName: 'Лисенко', firstName: 'Ірина' });
    const created = await api('POST', '/households', {
      headPersonId: a,
      members: [{ personId: b, relation: 'spouse' }],
    });
    expect(created.status).toBe(201);
    const h = (await created.json()) as { id: string; members: { personId: string; relation: string }[] };
    expect(h.members.map((m) => m.relation).sort()).toEqual(['head', 'spouse']);
    const one = await api('GET', `/households/${h.id}`);
    expect(one.status).toBe(200);
    const list = await api('GET', `/households?personId=${b}`);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([h.id]);
    const bad = await api('POST', '/households', { headPersonId: a, members: [{ personId: b, relation: 'head' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toContain('members');
    expect((await api('GET', '/households/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE action = 'api.households.create' AND entity_id = $1", [
      h.id,
    ]);
    expect(audit.rowCount).toBe(1);
    const doc = (await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/households', '/households/{id}']));
  });
});
