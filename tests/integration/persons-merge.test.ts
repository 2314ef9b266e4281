import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { signInAs } from '../helpers/session.js';
import { identifierHash } from '../../src/modules/persons/persons.identifiers.js';
import { searchPersons } from '../../src/modules/persons/use-cases/search-persons.js';
import { mergedInto } from '../../src/modules/persons-merge/persons-merge.queries.js';
import {
  actorFor,
  addAgency,
  addCategory,
  addConsent,
  addDocument,
  addHousehold,
  buildPerson,
  hromadaId,
  otherHromada,
} from './persons-merge.fixtures.js';

let t: TestApp;
let h: number;
let manager: HttpClient;
let worker: HttpClient;
const RNOKPP = '3012345678';

async function client(username: string) {
  const c = t.client();
  await signInAs(t, c, { username });
  return c;
}

const live = async (id: string) =>
  (await t.owner<{ merged_into: string | null }>('SELECT merged_into FROM persons WHERE id = $1', [id])).rows[0]
    .merged_into;

async function merge(c: HttpClient, a: string, b: string, survivor: 'a' | 'b', reason = 'Одна й та сама особа') {
  await c.get(`/persons/merge?a=${a}&b=${b}`);
  return c.post('/persons/merge', { a, b, survivor, reason });
}

beforeAll(async () => {
  t = await startTestApp();
  h = await hromadaId(t);
  manager = await client('manager');
  worker = await client('worker');
});
afterAll(async () => t?.close());

describe('duplicate candidates and comparison', () => {
  it('lists pairs with the same birth date and surname or the same document, each linking to a comparison', async () => {
    const a = await buildPerson(t, h, { lastName: 'Дубленко', firstName: 'Ганна', birthDate: '1970-04-04' });
    const b = await buildPerson(t, h, { lastName: 'Дубленко', firstName: 'Анна', birthDate: '1970-04-04' });
    const c = await buildPerson(t, h, { lastName: 'Зайченко', firstName: 'Олег', birthDate: '1981-01-01' });
    const d = await buildPerson(t, h, { lastName: 'Кравчук', firstName: 'Ілля', birthDate: '1990-09-09' });
    await addDocument(t, h, c, 'АБ123456');
    await addDocument(t, h, d, 'АБ123456');
    const res = await manager.get('/persons/duplicates');
    expect(res.status).toBe(200);
    const [x, y] = a < b ? [a, b] : [b, a];
    expect(res.text).toContain(`/persons/merge?a=${x}&amp;b=${y}`);
    const [p, q] = c < d ? [c, d] : [d, c];
    expect(res.text).toContain(`/persons/merge?a=${p}&amp;b=${q}`);
    expect(res.text).toContain('номер документа');
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE action = 'person.duplicates'");
    expect(audit.rowCount).toBe(1);
    expect((await worker.get('/persons/duplicates')).status).toBe(403);
  });

  it('shows both records side by side with masked identifiers and audits the read', async () => {
    const a = await buildPerson(t, h, {
      lastName: 'Порівнянко',
      firstName: 'Іван',
      birthDate: '1960-01-01',
      rnokpp: '2222233333',
    });
    const b = await buildPerson(t, h, {
      lastName: 'Порівнянко',
      firstName: 'Іван',
      birthDate: '1960-01-01',
      phone: '+380501112233',
    });
    const res = await manager.get(`/persons/merge?a=${a}&b=${b}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('••••••3333');
    expect(res.text).not.toContain('2222233333');
    expect(res.text).toContain('+380501112233');
    const audit = await t.owner<{ entity_id: string }>(
      "SELECT entity_id FROM audit_log WHERE action = 'person.compare' ORDER BY entity_id",
    );
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([a, b].sort());
    expect((await manager.get(`/persons/merge?a=${a}&b=not-a-uuid`)).status).toBe(400);
    // Every row label in Ukrainian, also for the tables later modules link (no `applications.person_id`).
    expect(res.text).toContain('Заяви на послуги');
    expect(res.text).toContain('Направлення до надавачів послуг');
    expect(res.text).not.toMatch(/[a-z_]+\.person_id/);
  });

  it('refuses the comparison, the candidates and the merge to an administrator, who may not read the registry (403, nothing shown)', async () => {
    const admin = await client('admin');
    const a = await buildPerson(t, h, {
      lastName: 'Таємненко',
      firstName: 'Ірина',
      birthDate: '1961-02-02',
      phone: '+380509998877',
    });
    const b = await buildPerson(t, h, { lastName: 'Таємненко', firstName: 'Ірина', birthDate: '1961-02-02' });
    for (const path of [`/persons/merge?a=${a}&b=${b}`, '/persons/duplicates', '/persons/merges']) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text, path).not.toContain('Таємненко');
      expect(res.text, path).not.toContain('+380509998877');
    }
    await admin.get('/staff');
    expect((await admin.post('/persons/merge', { a, b, survivor: 'a', reason: 'так' })).status).toBe(403);
    expect(await live(b)).toBeNull();
  });
});

describe('merging two records', () => {
  let a: string;
  let b: string;
  let h1: string;
  let h2: string;

  beforeAll(async () => {
    a = await buildPerson(t, h, { lastName: 'Мельник', firstName: 'Оксана', birthDate: '1975-05-05', sex: 'female' });
    b = await buildPerson(t, h, {
      lastName: 'Мельник',
      firstName: 'Оксана',
      patronymic: 'Петрівна',
      birthDate: '1975-05-05',
      sex: 'female',
      rnokpp: RNOKPP,
      phone: '+380671234567',
    });
    await addDocument(t, h, b, '000111222');
    await addCategory(t, h, b, 'idp');
    await addCategory(t, h, b, 'veteran', true);
    await addConsent(t, h, b);
    await addCategory(t, h, a, 'large_family');
    h1 = await addHousehold(
      t,
      h,
      [
        [a, 'head'],
        [b, 'head'],
      ],
      b,
    );
    h2 = await addHousehold(t, h, [[b, 'child']]);
    await addAgency(t, h, b, 'Терцентр тест');
  });

  it('refuses a worker (403), a missing reason (400) and records of another hromada (404)', async () => {
    expect((await worker.post('/persons/merge', { a, b, survivor: 'a', reason: 'x' })).status).toBe(403);
    const noReason = await merge(manager, a, b, 'a', '   ');
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Вкажіть причину');
    expect(noReason.text).toContain('govuk-error-summary');
    const noSurvivor = await manager.post('/persons/merge', { a, b, reason: 'так' });
    expect(noSurvivor.status).toBe(400);
    const other = await otherHromada(t);
    const foreign = await buildPerson(t, other, { lastName: 'Мельник', firstName: 'Оксана', birthDate: '1975-05-05' });
    expect((await manager.post('/persons/merge', { a, b: foreign, survivor: 'a', reason: 'так' })).status).toBe(404);
    expect((await manager.get(`/persons/merge?a=${a}&b=${foreign}`)).status).toBe(404);
    expect(await live(a)).toBeNull();
    expect(await live(b)).toBeNull();
    expect(await live(foreign)).toBeNull();
    expect((await t.owner('SELECT 1 FROM person_merges')).rowCount).toBe(0);
  });

  it('moves every link to the survivor, fills its empty fields, takes over the РНОКПП and audits both records', async () => {
    const res = await merge(manager, a, b, 'a');
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/persons\/merges\/[0-9a-f-]{36}\?done=merged$/);
    expect(await live(b)).toBe(a);
    for (const table of ['person_documents', 'person_categories', 'consents', 'person_agencies']) {
      const rows = await t.owner(`SELECT person_id FROM ${table} WHERE person_id = ANY($1::uuid[])`, [[a, b]]);
      expect(
        rows.rows.every((r) => r.person_id === a),
        table,
      ).toBe(true);
    }
    expect((await t.owner('SELECT 1 FROM person_categories WHERE person_id = $1', [a])).rowCount).toBe(3);
    const members = await t.owner<{ household_id: string; person_id: string }>(
      'SELECT household_id, person_id FROM household_members WHERE household_id = ANY($1::uuid[]) ORDER BY household_id',
      [[h1, h2]],
    );
    expect(members.rows.filter((m) => m.household_id === h1).map((m) => m.person_id)).toEqual([a]);
    expect(members.rows.filter((m) => m.household_id === h2).map((m) => m.person_id)).toEqual([a]);
    expect((await t.owner('SELECT head_person_id FROM households WHERE id = $1', [h1])).rows[0].head_person_id).toBe(a);
    const s = (
      await t.owner<{ patronymic: string; phone: string; rnokpp_hash: string; name_tokens: string[] }>(
        'SELECT patronymic, phone, rnokpp_hash, name_tokens FROM persons WHERE id = $1',
        [a],
      )
    ).rows[0];
    expect(s.patronymic).toBe('Петрівна');
    expect(s.phone).toBe('+380671234567');
    expect(s.rnokpp_hash).toBe(identifierHash(t.services, 'rnokpp', RNOKPP));
    expect(s.name_tokens.length).toBe(3);
    const m = (
      await t.owner<{ moved: { links: { table: string; removed: unknown[] }[]; filled: Record<string, unknown> } }>(
        'SELECT moved FROM person_merges WHERE survivor_id = $1',
        [a],
      )
    ).rows[0].moved;
    expect(m.links.find((l) => l.table === 'household_members')!.removed).toHaveLength(1);
    expect(Object.keys(m.filled)).toEqual(expect.arrayContaining(['patronymic', 'phone', 'rnokpp_hash']));
    const audit = await t.owner<{ entity_id: string; reason: string }>(
      "SELECT entity_id, reason FROM audit_log WHERE action = 'person.merge' ORDER BY entity_id",
    );
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([a, b].sort());
    expect(audit.rows.every((r) => r.reason === 'Одна й та сама особа')).toBe(true);
    const page = await manager.follow(res);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Записи об’єднано');
  });

  it('hides the merged record from search and points its card to the survivor', async () => {
    const actor = await actorFor(t, 'manager', 'manager');
    const byName = await searchPersons({
      services: t.services,
      actor,
      q: 'Мельник Оксана',
      filters: {},
      limit: 20,
      offset: 0,
    });
    expect(byName.items.map((i) => i.id)).toContain(a);
    expect(byName.items.map((i) => i.id)).not.toContain(b);
    const byRnokpp = await searchPersons({ services: t.services, actor, q: RNOKPP, filters: {}, limit: 20, offset: 0 });
    expect(byRnokpp.items.map((i) => i.id)).toEqual([a]);
    const target = await t.services.db.tx({ hromadaId: h }, (c) => mergedInto(c, b));
    expect(target?.survivorId).toBe(a);
    expect(await t.services.db.tx({ hromadaId: h }, (c) => mergedInto(c, a))).toBeNull();
  });

  it('refuses to merge an already merged record again (409)', async () => {
    const c = await buildPerson(t, h, { lastName: 'Мельник', firstName: 'Оксана', birthDate: '1975-05-05' });
    expect((await manager.post('/persons/merge', { a: c, b, survivor: 'a', reason: 'ще раз' })).status).toBe(409);
  });

  it('lists merges; a manager may open the undo page, a worker may not (403)', async () => {
    const list = await manager.get('/persons/merges');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Мельник Оксана Петрівна');
    const id = (await t.owner('SELECT id FROM person_merges WHERE survivor_id = $1', [a])).rows[0].id as string;
    expect((await manager.get(`/persons/merges/${id}/undo`)).status).toBe(200);
    expect((await worker.get(`/persons/merges/${id}/undo`)).status).toBe(403);
    expect((await worker.post(`/persons/merges/${id}/undo`, { reason: 'помилка' })).status).toBe(403);
    expect((await worker.get('/persons/merges')).status).toBe(403);
    expect(await live(b)).toBe(a);
  });
});
