import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { makeRnokpp, makeUnzr } from '../../src/modules/persons/identity/index.js';
import { newHromada, person } from '../factories/index.js';

let t: TestApp;
let worker: HttpClient;
let inDistrict: string;
let outside: string;

const form = (p: Record<string, string>) => ({ sex: 'female', ...p });
const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

/** Registers a person through the form (confirming any warning) and returns the id. */
async function addPerson(c: HttpClient, p: Record<string, string>): Promise<string> {
  await c.get('/persons/new');
  const r = await c.post('/persons/new', { ...form(p), confirm: 'yes', action: 'save' });
  expect(r.status, r.text.slice(0, 3000)).toBe(303);
  return /\/persons\/([0-9a-f-]{36})/.exec(r.location ?? '')![1];
}

const auditCount = async (action: string, entityId: string) =>
  Number(
    (
      await t.owner<{ n: string }>('SELECT count(*) AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [
        action,
        entityId,
      ])
    ).rows[0].n,
  );

beforeAll(async () => {
  t = await startTestApp();
  const codes = await t.owner<{ settlement_code: string; mine: boolean }>(
    `SELECT ds.settlement_code, ds.district_id = (SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta') AS mine
     FROM district_settlements ds ORDER BY ds.settlement_code`,
  );
  inDistrict = codes.rows.find((r) => r.mine)!.settlement_code;
  outside = codes.rows.find((r) => !r.mine)!.settlement_code;
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
});
afterAll(async () => {
  await t?.close();
});

describe('registry pages', () => {
  let olenaId: string;

  it('adds a person and the card shows masked identifiers; the view is audited', async () => {
    olenaId = await addPerson(worker, {
      lastName: 'Шевченко',
      firstName: 'Олена',
      patronymic: 'Петрівна',
      ...dateParts('birthDate', '1957-03-27'),
      rnokpp: makeRnokpp('1957-03-27', 'female', 17),
      settlementCode: inDistrict,
    });
    const card = await worker.get(`/persons/${olenaId}?done=created`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('Шевченко Олена Петрівна');
    expect(card.text).toContain('27.03.1957');
    expect(card.text).not.toContain(makeRnokpp('1957-03-27', 'female', 17));
    expect(card.text).toMatch(/••••••\d{4}/);
    expect(card.text).toContain('Особу додано до реєстру');
    // Issue 11 brought cases: the card's «Випадки» is the real section (none for a new person).
    for (const s of ['Заяви', 'Отримані послуги', 'Випадки']) expect(card.text).toContain(s);
    expect(card.text).toContain('Випадків немає.');
    expect(card.text).not.toContain('Показати повністю');
    expect(await auditCount('person.view', olenaId)).toBeGreaterThanOrEqual(1);
  });

  it('finds the person with a typo, in Latin and in another order; names never go into the URL', async () => {
    await worker.get('/persons');
    for (const q of ['Шевчинко Олена', 'Olena Shevchenko', 'Петрівна Шевченко']) {
      const r = await worker.post('/persons/search', { q });
      expect(r.status).toBe(200);
      expect(r.text, q).toContain(`/persons/${olenaId}`);
      expect(r.text).toContain('Показано 1–1 з 1 особи');
    }
    const none = await worker.post('/persons/search', { q: 'Неіснуюченко' });
    expect(none.text).toContain('Нікого не знайдено');
    const byFilter = await worker.post('/persons/search', { q: '', birthDate: '27.03.1957' });
    expect(byFilter.text).toContain(`/persons/${olenaId}`);
    const bad = await worker.post('/persons/search', { q: 'x', birthDate: '32.13.1957' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('дд.мм.рррр');
  });

  it('refuses bad input with Ukrainian messages next to the fields and in the summary', async () => {
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', {
      lastName: 'Коваль',
      firstName: 'Іван',
      sex: 'male',
      ...dateParts('birthDate', '2999-01-01'),
      rnokpp: '1234567890',
      action: 'save',
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('govuk-error-summary');
    expect(r.text).toContain('Дата не може бути в майбутньому');
    expect(r.text).toContain('Контрольна цифра РНОКПП не збігається');
    expect(r.text).toContain('href="#birthDate-day"');
    expect(r.text).toContain('id="rnokpp-error"');
    const n = await t.owner("SELECT 1 FROM persons WHERE last_name = 'Коваль'");
    expect(n.rowCount).toBe(0);
  });

  it('asks to confirm a РНОКПП that disagrees with the birth date, then creates it', async () => {
    const fields = {
      lastName: 'Мельник',
      firstName: 'Андрій',
      sex: 'male',
      ...dateParts('birthDate', '1980-05-05'),
      rnokpp: makeRnokpp('1981-01-01', 'male', 5),
      action: 'save',
    };
    await worker.get('/persons/new');
    const first = await worker.post('/persons/new', fields);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Перевірте дані перед збереженням');
    expect(first.text).toContain('01.01.1981');
    expect(first.text).toContain('Я перевірив(-ла), це інша особа / дані правильні');
    expect((await t.owner("SELECT 1 FROM persons WHERE last_name = 'Мельник'")).rowCount).toBe(0);
    const second = await worker.post('/persons/new', { ...fields, confirm: 'yes' });
    expect(second.status).toBe(303);
    expect((await t.owner("SELECT 1 FROM persons WHERE last_name = 'Мельник'")).rowCount).toBe(1);
  });

  it('warns about a similar person with the same birth date, with a link to the card', async () => {
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', {
      lastName: 'Шевченко',
      firstName: 'Олена',
      sex: 'female',
      ...dateParts('birthDate', '1957-03-27'),
      action: 'save',
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain(`href="/persons/${olenaId}"`);
  });

  it('refuses a duplicate РНОКПП with 409 and a link to the existing card', async () => {
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', {
      lastName: 'Інша',
      firstName: 'Особа',
      sex: 'female',
      ...dateParts('birthDate', '1957-03-27'),
      rnokpp: makeRnokpp('1957-03-27', 'female', 17),
      confirm: 'yes',
      action: 'save',
    });
    expect(r.status).toBe(409);
    expect(r.text).toContain('Особа з таким РНОКПП уже є в реєстрі');
    expect(r.text).toContain(`href="/persons/${olenaId}"`);
  });

  it('fills the form from the ID card MRZ, or shows the MRZ problem', async () => {
    const { buildMrz } = await import('../../src/modules/persons/identity/index.js');
    const unzr = makeUnzr('1990-07-14', 321);
    const mrz = buildMrz({
      documentNumber: '001234567',
      unzr,
      birthDate: '1990-07-14',
      sex: 'female',
      expiryDate: '2030-07-14',
      nationality: 'UKR',
      lastNameLatin: 'BONDARENKO',
      givenNamesLatin: 'IRYNA',
    });
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', { mrz: mrz.join('\n'), action: 'mrz' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('BONDARENKO IRYNA');
    expect(r.text).toContain(`value="${unzr}"`);
    expect(r.text).toContain('value="001234567"');
    expect(r.text).toMatch(/name="birthDate-year"[^>]*value="1990"|value="1990"[^>]*name="birthDate-year"/);
    const bad = await worker.post('/persons/new', { mrz: 'nonsense', action: 'mrz' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Машинозчитувану зону не вдалося прочитати');
  });

  it('edits a person with updatePerson (version checked) and audits only the changed fields', async () => {
    const edit = await worker.get(`/persons/${olenaId}/edit`);
    expect(edit.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(edit.text)![1];
    const base = {
      lastName: 'Шевченко',
      firstName: 'Олена',
      patronymic: 'Петрівна',
      sex: 'female',
      ...dateParts('birthDate', '1957-03-27'),
      settlementCode: inDistrict,
      action: 'save',
    };
    const r = await worker.post(`/persons/${olenaId}/edit`, { ...base, phone: '+380501234567', version });
    expect(r.status).toBe(303);
    const a = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE action = 'person.update' AND entity_id = $1",
      [olenaId],
    );
    expect(a.rows[0].fields).toEqual(['phone']);
    const stale = await worker.post(`/persons/${olenaId}/edit`, { ...base, phone: '+380501111111', version });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('тим часом змінив інший користувач');
  });

  it('reveals an identifier only with registry.reveal, and audits the reveal', async () => {
    await worker.get(`/persons/${olenaId}`);
    const denied = await worker.post(`/persons/${olenaId}/reveal`, { field: 'rnokpp' });
    expect(denied.status).toBe(403);
    const manager = t.client();
    await signInAs(t, manager, { username: 'manager' });
    const card = await manager.get(`/persons/${olenaId}`);
    expect(card.text).toContain('Показати повністю');
    const before = await auditCount('person.reveal', olenaId);
    const r = await manager.post(`/persons/${olenaId}/reveal`, { field: 'rnokpp' });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    expect(r.text).toContain(makeRnokpp('1957-03-27', 'female', 17));
    expect(await auditCount('person.reveal', olenaId)).toBe(before + 1);
    const row = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE action = 'person.reveal' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [olenaId],
    );
    expect(row.rows[0].fields).toEqual(['rnokpp']);
  });

  it('adds a category with validity, requires details for СЖО, and ends one after confirming', async () => {
    await worker.get(`/persons/${olenaId}`);
    const bad = await worker.post(`/persons/${olenaId}/categories`, { code: 'difficult_circumstances' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Для цієї категорії опишіть обставини');
    const r = await worker.post(`/persons/${olenaId}/categories`, {
      code: 'idp',
      ...dateParts('validFrom', '2022-03-01'),
      evidence: 'Довідка ВПО № 1',
    });
    expect(r.status).toBe(303);
    const card = await worker.get(`/persons/${olenaId}`);
    expect(card.text).toContain('Внутрішньо переміщена особа (ВПО)');
    expect(card.text).toContain('01.03.2022');
    const cid = /\/categories\/([0-9a-f-]{36})\/end/.exec(card.text)![1];
    const confirm = await worker.get(`/persons/${olenaId}/categories/${cid}/end`);
    expect(confirm.text).toContain('Припинити категорію?');
    const end = await worker.post(`/persons/${olenaId}/categories/${cid}/end`);
    expect(end.status).toBe(303);
    const after = await worker.get(`/persons/${olenaId}`);
    expect(after.text).toContain('Історія категорій');
    expect(await auditCount('person.category.end', olenaId)).toBe(1);
  });

  it('answers the search-as-you-type enhancement with the results fragment only', async () => {
    await worker.get('/persons');
    const body = new URLSearchParams({ _csrf: worker.lastCsrf!, q: 'Шевченко' }).toString();
    const r = await worker.request('POST', '/persons/search', {
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-fragment': 'results' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain(`/persons/${olenaId}`);
    expect(r.text).not.toContain('<html');
    const empty = await worker.post('/persons/new', { action: 'save' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Вкажіть прізвище');
  });

  it('requires the CSRF token on every form', async () => {
    const r = await worker.post(`/persons/${olenaId}/categories`, { _csrf: null, code: 'idp' });
    expect(r.status).toBe(403);
    const s = await worker.post('/persons/search', { _csrf: null, q: 'Шевченко' });
    expect(s.status).toBe(403);
  });
});

describe('reach of the registry', () => {
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    mine = await addPerson(worker, { lastName: 'Ткаченко', firstName: 'Марія', settlementCode: inDistrict });
    theirs = await addPerson(worker, { lastName: 'Ткаченко', firstName: 'Ганна', settlementCode: outside });
  });

  it('a starosta sees only the district: search and cards', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'starosta' });
    await c.get('/persons');
    const r = await c.post('/persons/search', { q: 'Ткаченко' });
    expect(r.text).toContain(`/persons/${mine}`);
    expect(r.text).not.toContain(`/persons/${theirs}`);
    expect((await c.get(`/persons/${mine}`)).status).toBe(200);
    expect((await c.get(`/persons/${theirs}`)).status).toBe(403);
    expect((await c.get('/persons/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a provider sees only its clients', async () => {
    await t.owner(
      `INSERT INTO person_agencies (hromada_id, person_id, agency_id)
      SELECT p.hromada_id, p.id, g.agency_id FROM persons p, grants g JOIN users u ON u.id = g.user_id
      WHERE p.id = $1 AND u.username = 'provider'`,
      [theirs],
    );
    const c = t.client();
    await signInAs(t, c, { username: 'provider' });
    await c.get('/persons');
    const r = await c.post('/persons/search', { q: 'Ткаченко' });
    expect(r.text).toContain(`/persons/${theirs}`);
    expect(r.text).not.toContain(`/persons/${mine}`);
    expect((await c.get(`/persons/${theirs}`)).status).toBe(200);
    expect((await c.get(`/persons/${mine}`)).status).toBe(403);
    expect((await c.get('/persons/new')).status).toBe(403);
  });

  it("another hromada's person is not found", async () => {
    const other = await newHromada(t);
    const p = await person(t, { hromadaId: other.id, lastName: 'Чужий', firstName: 'Іван' });
    expect((await worker.get(`/persons/${p}`)).status).toBe(404);
    expect((await worker.get(`/persons/${p}/edit`)).status).toBe(404);
  });

  it('the staff home links to the registry for those who may read it', async () => {
    expect((await worker.get('/staff')).text).toContain('href="/persons"');
    const admin = t.client();
    await signInAs(t, admin, { username: 'admin' });
    expect((await admin.get('/staff')).text).not.toContain('href="/persons"');
  });
});
