import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { apiTokenFor } from '../helpers/api.js';
import type { HttpClient } from '../helpers/http.js';
import { makeRnokpp } from '../../src/modules/persons/identity/index.js';
import { csvText, SAMPLE_HEADER } from '../../src/modules/persons-import/import.sample.js';
import { importFile, pageText } from '../fixtures/import/flow.js';

let t: TestApp;
let worker: HttpClient;
let starosta: HttpClient;
let inDistrict: string;
let outside: string;
let starostaToken: string;

const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

async function addPerson(c: HttpClient, p: Record<string, string>): Promise<string> {
  await c.get('/persons/new');
  const r = await c.post('/persons/new', { sex: 'female', ...p, confirm: 'yes', action: 'save' });
  expect(r.status, r.text.slice(0, 3000)).toBe(303);
  return /\/persons\/([0-9a-f-]{36})/.exec(r.location ?? '')![1];
}

function api(method: string, path: string, body?: unknown) {
  return t.client().request(method, `/api/v1${path}`, {
    headers: { authorization: `Bearer ${starostaToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  const codes = await t.owner<{ settlement_code: string; mine: boolean }>(
    `SELECT ds.settlement_code, ds.district_id = (SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'starosta') AS mine
     FROM district_settlements ds ORDER BY ds.settlement_code`,
  );
  inDistrict = codes.rows.find((r) => r.mine)!.settlement_code;
  outside = codes.rows.find((r) => !r.mine)!.settlement_code;
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
  starosta = t.client();
  await signInAs(t, starosta, { username: 'starosta' });
  starostaToken = await apiTokenFor(t, 'starosta');
});
afterAll(async () => {
  await t?.close();
});

describe("no existence oracle beyond a starosta's district", () => {
  const farRnokpp = makeRnokpp('1944-04-04', 'female', 31);
  const nearRnokpp = makeRnokpp('1945-05-05', 'female', 32);
  let far: string;
  let near: string;

  beforeAll(async () => {
    far = await addPerson(worker, {
      lastName: 'Далекова',
      firstName: 'Ярина',
      ...dateParts('birthDate', '1944-04-04'),
      rnokpp: farRnokpp,
      settlementCode: outside,
    });
    near = await addPerson(worker, {
      lastName: 'Близькова',
      firstName: 'Ярина',
      ...dateParts('birthDate', '1945-05-05'),
      rnokpp: nearRnokpp,
      settlementCode: inDistrict,
    });
  });

  it('a РНОКПП registered in another district: the page says only that the number is registered and the front office helps', async () => {
    await starosta.get('/persons/new');
    const r = await starosta.post('/persons/new', {
      lastName: 'Інша',
      firstName: 'Людина',
      sex: 'female',
      ...dateParts('birthDate', '1944-04-04'),
      rnokpp: farRnokpp,
      settlementCode: inDistrict,
      action: 'save',
      confirm: 'yes',
    });
    expect(r.status).toBe(409);
    expect(r.text).toContain('Цей номер уже зареєстровано в громаді. Зверніться до фронт-офісу');
    expect(r.text).not.toContain(far);
    expect(r.text).not.toContain('Далекова');
    expect(r.text).not.toContain('Відкрити картку цієї особи');
  });

  it('within the district the answer still links to the existing card', async () => {
    await starosta.get('/persons/new');
    const r = await starosta.post('/persons/new', {
      lastName: 'Інша',
      firstName: 'Людина',
      sex: 'female',
      ...dateParts('birthDate', '1945-05-05'),
      rnokpp: nearRnokpp,
      settlementCode: inDistrict,
      action: 'save',
      confirm: 'yes',
    });
    expect(r.status).toBe(409);
    expect(r.text).toContain(`/persons/${near}`);
    expect(r.text).toContain('Відкрити картку цієї особи');
  });

  it('the API answers 409 without existingId beyond the district, with it within', async () => {
    const body = {
      lastName: 'Інша',
      firstName: 'Людина',
      birthDate: '1944-04-04',
      sex: 'female',
      rnokpp: farRnokpp,
      settlementCode: inDistrict,
      confirm: true,
    };
    const farRes = await api('POST', '/persons', body);
    expect(farRes.status).toBe(409);
    expect(farRes.text).not.toContain(far);
    expect(farRes.json<{ error: { message: string }; existingId?: string }>()).toMatchObject({
      error: { message: expect.stringContaining('зверніться до фронт-офісу'.replace('з', 'З')) as string },
    });
    expect(farRes.json<{ existingId?: string }>().existingId).toBeUndefined();
    const nearRes = await api('POST', '/persons', { ...body, birthDate: '1945-05-05', rnokpp: nearRnokpp });
    expect(nearRes.status).toBe(409);
    expect(nearRes.json<{ existingId?: string }>().existingId).toBe(near);
  });

  it('a similar name with the same birth date in another district is mentioned without its name, link or id', async () => {
    await starosta.get('/persons/new');
    const r = await starosta.post('/persons/new', {
      lastName: 'Далекова',
      firstName: 'Ярина',
      sex: 'female',
      ...dateParts('birthDate', '1944-04-04'),
      settlementCode: inDistrict,
      action: 'save',
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('поза вашим доступом');
    expect(r.text).not.toContain(far);
    expect(r.text).not.toContain('04.04.1944</a>');
    const apiRes = await api('POST', '/persons', {
      lastName: 'Далекова',
      firstName: 'Ярина',
      birthDate: '1944-04-04',
      sex: 'female',
      settlementCode: inDistrict,
    });
    expect(apiRes.status).toBe(409);
    expect(apiRes.json<{ similar: string[]; similarBeyondReach: boolean }>()).toMatchObject({
      similar: [],
      similarBeyondReach: true,
    });
    // Within the district the similar person is named and linked as before.
    const own = await starosta.post('/persons/new', {
      lastName: 'Близькова',
      firstName: 'Ярина',
      sex: 'female',
      ...dateParts('birthDate', '1945-05-05'),
      settlementCode: inDistrict,
      action: 'save',
    });
    expect(own.status).toBe(200);
    expect(own.text).toContain(`href="/persons/${near}"`);
    expect(own.text).not.toContain('поза вашим доступом');
  });
});

describe('near-duplicates are flagged', () => {
  it('a surname one letter off with the same birth date: asked on the form and listed among the duplicate candidates', async () => {
    const a = await addPerson(worker, {
      lastName: 'Гнатюк',
      firstName: 'Оксана',
      ...dateParts('birthDate', '1971-07-07'),
    });
    await worker.get('/persons/new');
    const r = await worker.post('/persons/new', {
      lastName: 'Гнатюх',
      firstName: 'Оксана',
      sex: 'female',
      ...dateParts('birthDate', '1971-07-07'),
      action: 'save',
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain(`href="/persons/${a}"`);
    const b = await addPerson(worker, {
      lastName: 'Гнатюх',
      firstName: 'Оксана',
      ...dateParts('birthDate', '1971-07-07'),
    });
    const manager = t.client();
    await signInAs(t, manager, { username: 'manager' });
    const dup = await manager.get('/persons/duplicates');
    const [x, y] = a < b ? [a, b] : [b, a];
    expect(dup.text).toContain(`/persons/merge?a=${x}&amp;b=${y}`);
  });

  it('an import row whose person is registered with the birth year one off is a similar-person warning', async () => {
    await addPerson(worker, {
      lastName: 'Рокова',
      firstName: 'Ганна',
      patronymic: 'Іванівна',
      ...dateParts('birthDate', '1950-02-03'),
    });
    const manager = t.client();
    await signInAs(t, manager, { username: 'manager' });
    const csv = csvText([SAMPLE_HEADER, ['Рокова', 'Ганна', 'Іванівна', '03.02.1951', 'жіноча', '', '', '', '', '']]);
    const run = await importFile(t, manager, csv, 'rik.csv');
    expect(run.status).toBe('done');
    const text = pageText(run.report.text);
    expect(text).toContain('роком народження на один інший');
    expect(text).toContain('Створено 0 осіб');
  });
});
