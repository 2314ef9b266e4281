import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { signInAs } from '../helpers/session.js';
import { personLinks } from '../../src/modules/persons-merge/persons-merge.links.js';
import {
  addAgency,
  addCategory,
  addConsent,
  addDocument,
  addHousehold,
  buildPerson,
  hromadaId,
} from './persons-merge.fixtures.js';

let t: TestApp;
let h: number;
let manager: HttpClient;
let admin: HttpClient;

async function client(username: string) {
  const c = t.client();
  await signInAs(t, c, { username });
  return c;
}

/** Every row of every linked table and the persons (without bookkeeping columns), for exact comparison. */
async function snapshot(ids: string[]) {
  const tables: Record<string, unknown[]> = {};
  for (const l of personLinks(t.app.moduleHooks)) {
    tables[`${l.table}.${l.column}`] = (
      await t.owner<{ j: unknown }>(`SELECT to_jsonb(x) AS j FROM ${l.table} x ORDER BY to_jsonb(x)::text`)
    ).rows.map((r) => r.j);
  }
  const persons = (
    await t.owner<{ j: Record<string, unknown>; tokens: string[] }>(
      `SELECT to_jsonb(p) - 'version' - 'updated_at' - 'updated_by' - 'name_tokens' AS j,
       ARRAY(SELECT unnest(p.name_tokens) ORDER BY 1) AS tokens
     FROM persons p WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    )
  ).rows;
  return { tables, persons };
}

const live = async (id: string) =>
  (await t.owner<{ merged_into: string | null }>('SELECT merged_into FROM persons WHERE id = $1', [id])).rows[0]
    .merged_into;

async function merge(a: string, b: string, reason = 'Дублікат') {
  await manager.get(`/persons/merge?a=${a}&b=${b}`);
  const res = await manager.post('/persons/merge', { a, b, survivor: 'a', reason });
  expect(res.status).toBe(303);
  return /merges\/([0-9a-f-]{36})/.exec(res.location!)![1];
}

async function undo(id: string, reason = 'Помилкове об’єднання') {
  await manager.get(`/persons/merges/${id}/undo`);
  return manager.post(`/persons/merges/${id}/undo`, { reason });
}

/** Two records of one woman with every kind of link, including a table registered by a later module. */
async function pair(tag: string) {
  const a = await buildPerson(t, h, {
    lastName: `Коваль${tag}`,
    firstName: 'Марія',
    birthDate: '1950-03-03',
    sex: 'female',
  });
  const b = await buildPerson(t, h, {
    lastName: `Коваль${tag}`,
    firstName: 'Марія',
    patronymic: 'Іванівна',
    birthDate: '1950-03-03',
    sex: 'female',
    rnokpp: `18${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    email: `m${tag}@example.com`,
    street: 'вул. Садова',
    house: '3',
  });
  await addDocument(t, h, b, `${Math.floor(100000000 + Math.random() * 8e8)}`);
  await addCategory(t, h, b, 'disability_2');
  await addCategory(t, h, a, 'elderly_alone');
  await addConsent(t, h, b, true);
  await addHousehold(
    t,
    h,
    [
      [a, 'head'],
      [b, 'head'],
    ],
    a,
  );
  await addHousehold(t, h, [[b, 'parent']], b);
  await addAgency(t, h, b, 'Центр надання послуг');
  await addAgency(t, h, a, 'Центр надання послуг');
  await t.owner('INSERT INTO merge_test_notes (hromada_id, person_id, note) VALUES ($1, $2, $3)', [h, b, 'нотатка']);
  return { a, b };
}

beforeAll(async () => {
  t = await startTestApp();
  h = await hromadaId(t);
  manager = await client('manager');
  admin = await client('admin');
  // A table added by a later module: registered once, moved and restored like the built-in ones.
  await t.owner(`CREATE TABLE merge_test_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hromada_id int NOT NULL REFERENCES hromadas(id), person_id uuid NOT NULL REFERENCES persons(id), note text)`);
  await t.owner(`GRANT SELECT, INSERT, UPDATE, DELETE ON merge_test_notes TO ${t.services.config.APP_DATABASE_ROLE}`);
  t.app.moduleHooks.add('personLinks', { table: 'merge_test_notes', column: 'person_id', key: ['id'] });
});
afterAll(async () => t?.close());

describe('undoing a merge', () => {
  it('restores exactly the rows and fields as they were before the merge', async () => {
    const { a, b } = await pair('А');
    const before = await snapshot([a, b]);
    const id = await merge(a, b);
    expect((await t.owner('SELECT person_id FROM merge_test_notes')).rows[0].person_id).toBe(a);
    const during = await snapshot([a, b]);
    expect(during).not.toEqual(before);

    const page = await manager.get(`/persons/merges/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/persons/merges/${id}/undo`);
    expect((await manager.post(`/persons/merges/${id}/undo`, { reason: '' })).status).toBe(400);
    const res = await undo(id);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/persons/merges/${id}?done=undone`);
    expect(await snapshot([a, b])).toEqual(before);
    const m = (await t.owner('SELECT undone_at, undone_by FROM person_merges WHERE id = $1', [id])).rows[0];
    expect(m.undone_at).not.toBeNull();
    expect(m.undone_by).not.toBeNull();
    const audit = await t.owner<{ entity_id: string; reason: string }>(
      "SELECT entity_id, reason FROM audit_log WHERE action = 'person.unmerge'",
    );
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([a, b].sort());
    expect(audit.rows[0].reason).toBe('Помилкове об’єднання');
    expect((await undo(id)).status).toBe(409);
  });

  it('refuses when a moved row no longer exists, and changes nothing', async () => {
    const { a, b } = await pair('Б');
    const id = await merge(a, b);
    await t.owner('DELETE FROM merge_test_notes WHERE person_id = $1', [a]);
    const during = await snapshot([a, b]);
    const res = await undo(id);
    expect(res.status).toBe(409);
    expect(res.text).toContain('відтоді змінено або видалено');
    expect(await snapshot([a, b])).toEqual(during);
    expect((await t.owner('SELECT undone_at FROM person_merges WHERE id = $1', [id])).rows[0].undone_at).toBeNull();
  });

  it('refuses when a field filled by the merge was changed since, naming the field', async () => {
    const { a, b } = await pair('В');
    const id = await merge(a, b);
    await t.owner("UPDATE persons SET email = 'new@example.com' WHERE id = $1", [a]);
    const res = await undo(id);
    expect(res.status).toBe(409);
    expect(res.text).toContain('електронна пошта');
    expect((await t.owner('SELECT merged_into FROM persons WHERE id = $1', [b])).rows[0].merged_into).toBe(a);
  });

  it('refuses while the survivor is itself merged into a later record', async () => {
    const { a, b } = await pair('Г');
    const first = await merge(a, b);
    const c = await buildPerson(t, h, { lastName: 'КовальГ', firstName: 'Марія', birthDate: '1950-03-03' });
    await merge(c, a);
    const res = await undo(first);
    expect(res.status).toBe(409);
    expect(res.text).toContain('Спершу скасуйте');
  });

  it('is for managers, who may read both records: an administrator (no right to read the registry) gets 403 everywhere', async () => {
    const { a, b } = await pair('Ґ');
    const id = await merge(a, b);
    expect((await admin.get(`/persons/merges/${id}/undo`)).status).toBe(403);
    expect((await admin.post(`/persons/merges/${id}/undo`, { reason: 'ні' })).status).toBe(403);
    const adminList = await admin.get('/persons/merges');
    expect(adminList.status).toBe(403);
    expect(adminList.text).not.toContain('КовальҐ');
    const adminView = await admin.get(`/persons/merges/${id}`);
    expect(adminView.status).toBe(403);
    expect(adminView.text).not.toContain('КовальҐ');
    const list = await manager.get('/persons/merges');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/persons/merges/${id}`);
    expect(await live(b)).toBe(a);
  });
});
