import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { newHromada, person } from '../factories/index.js';

let t: TestApp;
const tokens: Record<string, string> = {};
let starostaDistrict: number;
let settlementIn: string;
let settlementOut: string;

const tokenFor = (username: string) => apiTokenFor(t, username);

function api(method: string, path: string, who: string, body?: unknown) {
  return t.client().request(method, `/api/v1${path}`, {
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['worker', 'starosta', 'manager', 'admin']) tokens[u] = await tokenFor(u);
  const g = await t.owner<{ district_id: number }>(
    "SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta'",
  );
  starostaDistrict = g.rows[0].district_id;
  settlementIn = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id = $1 LIMIT 1',
      [starostaDistrict],
    )
  ).rows[0].settlement_code;
  settlementOut = (
    await t.owner<{ settlement_code: string }>(
      'SELECT settlement_code FROM district_settlements WHERE district_id <> $1 LIMIT 1',
      [starostaDistrict],
    )
  ).rows[0].settlement_code;
});
afterAll(async () => {
  await t.close();
});

describe('persons API', () => {
  let shevchenkoId = '';

  it('creates a person with a valid РНОКПП, returns it masked and stores it encrypted', async () => {
    const res = await api('POST', '/persons', 'worker', {
      lastName: 'Шевченко',
      firstName: 'Тарас',
      patronymic: 'Григорович',
      birthDate: '2000-01-01',
      sex: 'male',
      rnokpp: '3652504575',
      settlementCode: settlementOut,
    });
    expect(res.status).toBe(201);
    const p = res.json<{ id: string; rnokpp: string; lastName: string; settlementCode: string }>();
    expect(p).toMatchObject({ lastName: 'Шевченко', rnokpp: '••••••4575', settlementCode: settlementOut });
    shevchenkoId = p.id;
    const row = await t.owner<{ rnokpp_sealed: string; rnokpp_hash: string }>(
      'SELECT rnokpp_sealed, rnokpp_hash FROM persons WHERE id = $1',
      [p.id],
    );
    expect(row.rows[0].rnokpp_sealed).not.toContain('3652504575');
    expect(row.rows[0].rnokpp_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a second person with the same РНОКПП with 409 and the existing id', async () => {
    const res = await api('POST', '/persons', 'worker', {
      lastName: 'Інший',
      firstName: 'Тарас',
      birthDate: '2000-01-01',
      sex: 'male',
      rnokpp: '3652504575',
    });
    expect(res.status).toBe(409);
    expect(res.json<{ existingId: string }>().existingId).toBe(shevchenkoId);
  });

  it('answers invalid input with 400 and Ukrainian field errors, creating nothing', async () => {
    const before = await t.owner('SELECT count(*)::int AS n FROM persons');
    const future = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
    const res = await api('POST', '/persons', 'worker', {
      lastName: '',
      firstName: 'Ірина',
      birthDate: future,
      rnokpp: '1759013770',
    });
    expect(res.status).toBe(400);
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath.lastName).toBe('Вкажіть прізвище');
    expect(byPath.birthDate).toBe('Дата не може бути в майбутньому');
    expect(byPath.rnokpp).toContain('Контрольна цифра РНОКПП');
    const after = await t.owner('SELECT count(*)::int AS n FROM persons');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('asks to confirm when the РНОКПП does not match the birth date, and creates with confirm', async () => {
    const body = {
      lastName: 'Коваленко',
      firstName: 'Олена',
      birthDate: '1984-01-03',
      sex: 'female',
      rnokpp: '3068208400',
      settlementCode: settlementIn,
    };
    const res = await api('POST', '/persons', 'worker', body);
    expect(res.status).toBe(409);
    expect(res.json<{ needsConfirmation: boolean; mismatches: string[] }>()).toMatchObject({
      needsConfirmation: true,
      mismatches: ['birthDate'],
    });
    const ok = await api('POST', '/persons', 'worker', { ...body, confirm: true });
    expect(ok.status).toBe(201);
  });

  it('finds a person by name with typos, in Latin and in any order, best match first', async () => {
    for (const [last, first] of [
      ['Шевчук', 'Тарас'],
      ['Шевченко', 'Оксана'],
      ['Мельник', 'Тарас'],
    ]) {
      expect(
        (await api('POST', '/persons', 'worker', { lastName: last, firstName: first, settlementCode: settlementOut }))
          .status,
      ).toBe(201);
    }
    for (const q of ['Шевченко Тарас', 'Shevchenko Taras', 'Тарас Шевчинко', 'shevchenko taras hryhorovych']) {
      const res = await api('GET', `/persons?q=${encodeURIComponent(q)}&limit=5`, 'worker');
      expect(res.status).toBe(200);
      const body = res.json<{ items: { id: string }[]; total: number }>();
      expect(body.items[0]?.id, q).toBe(shevchenkoId);
      expect(body.total).toBeGreaterThanOrEqual(1);
    }
    const exact = await api('POST', '/persons/search', 'worker', { q: '3652504575' });
    expect(exact.status).toBe(200);
    expect(exact.json<{ items: { id: string }[]; total: number }>()).toMatchObject({
      total: 1,
      items: [{ id: shevchenkoId }],
    });
    const byName = await api('POST', '/persons/search', 'worker', {
      q: 'Шевченко Тарас',
      limit: 5,
      birthDate: '2000-01-01',
    });
    expect(byName.json<{ items: { id: string }[] }>().items[0]?.id).toBe(shevchenkoId);
  });

  it('refuses an identifier in the URL (400, pointing to POST /persons/search) and records no number', async () => {
    const before = await t.owner<{ n: string }>('SELECT max(id) AS n FROM audit_log');
    for (const q of ['3652504575', '365 250 4575', '19480309-01234', '000111222', 'АБ123456', 'Шевченко 3652504575']) {
      const res = await api('GET', `/persons?q=${encodeURIComponent(q)}`, 'worker');
      expect(res.status, q).toBe(400);
      const body = res.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('POST /api/v1/persons/search');
    }
    // A name with a birth year is still a name search.
    expect((await api('GET', `/persons?q=${encodeURIComponent('Шевченко Тарас 2000')}`, 'worker')).status).toBe(200);
    const rows = await t.owner<{ action: string; reason: string }>(
      'SELECT action, reason, fields FROM audit_log WHERE id > $1',
      [before.rows[0].n],
    );
    expect(rows.rows.filter((r) => r.reason === 'refused: bad_request')).toHaveLength(6);
    expect(JSON.stringify(rows.rows)).not.toContain('3652504575');
  });

  it('puts a name typed as it is in the registry first; a typo still finds the similar ones', async () => {
    const savchenko = (
      await api('POST', '/persons', 'worker', {
        lastName: 'Савченко',
        firstName: 'Тарас',
        settlementCode: settlementOut,
      })
    ).json<{ id: string }>().id;
    const ids = async (q: string) =>
      (await api('GET', `/persons?q=${encodeURIComponent(q)}&limit=50`, 'worker'))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id);
    // «Шавченко» is nobody's name: both similar surnames are offered.
    expect(await ids('Шавченко Тарас')).toEqual(expect.arrayContaining([shevchenkoId, savchenko]));
    // Known names come first as typed; a close variant (two letters in ten) still follows.
    expect(await ids('Шевченко Тарас')).toEqual([shevchenkoId, savchenko]);
    expect(await ids('Савченко Тарас')).toEqual([savchenko, shevchenkoId]);
  });

  it('limits a starosta to the district: others are not found in search and forbidden by id', async () => {
    const inDistrict = await api('POST', '/persons', 'starosta', {
      lastName: 'Бондаренко',
      firstName: 'Марія',
      settlementCode: settlementIn,
    });
    expect(inDistrict.status).toBe(201);
    const outside = await api('POST', '/persons', 'starosta', {
      lastName: 'Бондаренко',
      firstName: 'Петро',
      settlementCode: settlementOut,
    });
    expect(outside.status).toBe(403);
    const search = await api('GET', `/persons?q=${encodeURIComponent('Шевченко Тарас')}`, 'starosta');
    expect(search.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await api('GET', `/persons/${shevchenkoId}`, 'starosta')).status).toBe(403);
    const own = inDistrict.json<{ id: string }>().id;
    expect((await api('GET', `/persons/${own}`, 'starosta')).status).toBe(200);
  });

  it('answers 404 for an unknown id and for a person of another hromada; the admin role has no registry rights', async () => {
    expect((await api('GET', `/persons/${crypto.randomUUID()}`, 'worker')).status).toBe(404);
    const other = await newHromada(t);
    const foreign = await person(t, { hromadaId: other.id, lastName: 'Чужий', firstName: 'Іван' });
    expect((await api('GET', `/persons/${foreign}`, 'worker')).status).toBe(404);
    expect((await api('GET', '/persons?q=test', 'admin')).status).toBe(403);
  });

  it('updates a person with PATCH: version check, validation, duplicate РНОКПП, clearing a field', async () => {
    const created = await api('POST', '/persons', 'worker', {
      lastName: 'Гончар',
      firstName: 'Ніна',
      phone: '+380501112233',
      settlementCode: settlementOut,
    });
    const { id } = created.json<{ id: string }>();
    const card = (await api('GET', `/persons/${id}`, 'worker')).json<{ version: number }>();
    expect(card.version).toBe(1);
    const ok = await api('PATCH', `/persons/${id}`, 'worker', { firstName: 'Нінель', phone: '', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.json<{ firstName: string; version: number }>()).toMatchObject({ firstName: 'Нінель', version: 2 });
    const row = await t.owner<{ phone: string | null }>('SELECT phone FROM persons WHERE id = $1', [id]);
    expect(row.rows[0].phone).toBeNull();
    expect((await api('PATCH', `/persons/${id}`, 'worker', { firstName: 'Ніна', version: 1 })).status).toBe(409);
    const bad = await api('PATCH', `/persons/${id}`, 'worker', { birthDate: '2999-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'birthDate',
      message: 'Дата не може бути в майбутньому',
    });
    const dup = await api('PATCH', `/persons/${id}`, 'worker', {
      rnokpp: '3652504575',
      sex: 'male',
      birthDate: '2000-01-01',
      confirm: true,
    });
    expect(dup.status).toBe(409);
    expect(dup.json<{ existingId: string }>().existingId).toBe(shevchenkoId);
    const audit = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE entity_id = $1 AND action = 'person.update' ORDER BY id",
      [id],
    );
    expect(audit.rows[0].fields.sort()).toEqual(['firstName', 'phone']);
  });

  it('audits every read of a person with the token user', async () => {
    await api('GET', `/persons/${shevchenkoId}`, 'manager');
    const rows = await t.owner<{ action: string; actor_label: string }>(
      "SELECT action, actor_label FROM audit_log WHERE entity_id = $1 AND operation = 'read' ORDER BY id",
      [shevchenkoId],
    );
    expect(rows.rows.map((r) => r.action)).toContain('person.view');
    expect(rows.rows.some((r) => r.actor_label.startsWith('Петро Начальник'))).toBe(true);
  });

  it('records an exact search by РНОКПП once, as what it was, with the token and the categories in force', async () => {
    await t.owner(
      `INSERT INTO person_categories (hromada_id, person_id, code) SELECT hromada_id, id, 'idp' FROM persons WHERE id = $1`,
      [shevchenkoId],
    );
    const before = await t.owner<{ n: string }>('SELECT max(id) AS n FROM audit_log');
    const found = await api('POST', '/persons/search', 'worker', { q: '3652504575' });
    expect(found.json<{ items: { id: string; categories: string[] }[] }>().items).toEqual([
      expect.objectContaining({ id: shevchenkoId, categories: ['idp'] }),
    ]);
    const rows = await t.owner<{ action: string; entity_id: string; reason: string; actor_label: string }>(
      'SELECT action, entity_id, reason, actor_label FROM audit_log WHERE id > $1 ORDER BY id',
      [before.rows[0].n],
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({ action: 'person.search.rnokpp', entity_id: shevchenkoId, reason: 'results:1' }),
    ]);
    expect(rows.rows[0].actor_label).toMatch(/\(API /);
  });

  it('documents the persons endpoints in the OpenAPI file', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/persons', '/persons/{id}', '/persons/search']));
    const search = (
      doc.paths['/persons/search'] as {
        post: { requestBody: { content: Record<string, { schema: { properties: object } }> } };
      }
    ).post;
    expect(Object.keys(search.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining([
        'q',
        'limit',
        'offset',
        'birthDate',
        'birthYear',
        'settlementCode',
        'districtId',
        'category',
      ]),
    );
  });
});
