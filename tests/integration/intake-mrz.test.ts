import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { starostaDistrict } from '../helpers/cabinet.js';
import { workerActor } from '../helpers/staff-actor.js';
import type { HttpClient } from '../helpers/http.js';
import { buildMrz, makeUnzr } from '../../src/modules/persons/identity/index.js';
import { createPerson } from '../../src/modules/persons-web/use-cases/create-person.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
const people: Record<string, string> = {};
let service = '';

/** The synthetic ID card of docs/product.md: Шевченко Оксана, 01.01.2000, УНЗР 20000101-12346, № 000123456. */
const OKSANA = ['IDUKR00012345652000010112346<<', '0001018F3401011UKR<<<<<<<<<<<6', 'SHEVCHENKO<<OKSANA<<<<<<<<<<<<'];
const card = (
  documentNumber: string,
  birthDate: string,
  serial: number,
  sex: 'male' | 'female',
  last: string,
  given: string,
) =>
  buildMrz({
    documentNumber,
    unzr: makeUnzr(birthDate, serial),
    birthDate,
    sex,
    expiryDate: '2034-01-01',
    lastNameLatin: last,
    givenNamesLatin: given,
  });
const KOVAL = card('000765432', '1985-07-14', 123, 'male', 'KOVAL', 'IVAN');
const TOWN = card('000111222', '1970-03-03', 77, 'female', 'MISKA', 'HANNA');
const NOBODY = card('000999888', '1990-10-10', 5, 'female', 'BONDAR', 'OLHA');

const { addService, row, idOf } = applicationFixtures(() => ({ t, hromadaId }));
const html = (s: string) => s.replace(/</g, '&lt;');
const count = async (sql: string, values: unknown[] = []) =>
  Number((await t.owner<{ n: string }>(sql, values)).rows[0].n);

async function byMrz(c: HttpClient, lines: string[] | string) {
  await c.get('/applications/new');
  return c.post('/applications/new/mrz', { mrz: Array.isArray(lines) ? lines.join('\n') : lines });
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const district = await starostaDistrict(t);
  const actor = await workerActor(t, hromadaId);
  const add = async (input: Parameters<typeof createPerson>[0]['input'], documentNumber?: string) => {
    const r = await createPerson({ services: t.services, actor, input, documentNumber, confirm: true });
    if (r.kind !== 'created') throw new Error('person not created');
    return r.id;
  };
  people.oksana = await add({
    lastName: 'Шевченко',
    firstName: 'Оксана',
    birthDate: '2000-01-01',
    sex: 'female',
    unzr: '20000101-12346',
    settlementCode: district.inside,
  });
  // Known only by the number of her ID card (no УНЗР in the registry).
  people.koval = await add(
    { lastName: 'Коваль', firstName: 'Іван', birthDate: '1985-07-14', sex: 'male', settlementCode: district.inside },
    '000765432',
  );
  people.town = await add({
    lastName: 'Міська',
    firstName: 'Ганна',
    birthDate: '1970-03-03',
    sex: 'female',
    unzr: makeUnzr('1970-03-03', 77),
    settlementCode: district.outside,
  });
  service = await addService('Догляд вдома (МЗЧ)');
  for (const u of ['starosta', 'frontdesk', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
});
afterAll(async () => {
  await t?.close();
});

describe('intake: finding the applicant by the ID card’s MRZ', () => {
  it('the intake page offers the MRZ field in a POST form', async () => {
    const page = await as.starosta.get('/applications/new');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<form method="post" action="\/applications\/new\/mrz"/);
    expect(page.text).toContain('<textarea');
    expect(page.text).toContain('Або зчитайте ID-картку (МЗЧ)');
  });

  it('finds the person by the УНЗР of the card; the starosta chooses her and registers a walk-in application', async () => {
    const r = await byMrz(as.starosta, OKSANA);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Знайдено за даними ID-картки');
    expect(r.text).toContain('Шевченко Оксана');
    expect(r.text).toContain(`/applications/new?personId=${people.oksana}`);
    expect(r.text).not.toContain('Коваль');
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'person.search.unzr'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'person.search.document'")).toBe(1);

    const page = await as.starosta.get(`/applications/new?personId=${people.oksana}`);
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
    const done = await as.starosta.post('/applications', {
      personId: people.oksana,
      serviceId: service,
      idempotencyKey,
    });
    expect(done.status).toBe(303);
    const id = idOf(done);
    expect((await row(id)).status).toBe('registered');
    const channel = (await t.owner<{ channel: string }>('SELECT channel FROM applications WHERE id = $1', [id])).rows[0]
      .channel;
    expect(channel).toBe('starosta');
    expect((await as.starosta.get(done.location!)).text).toContain('Заяву зареєстровано');
  });

  it('finds a person known only by the card’s document number; scanner input (one line, lower case, spaces) is accepted', async () => {
    const r = await byMrz(as.starosta, ` ${KOVAL.join('').toLowerCase()} `);
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.text).toContain('Коваль Іван');
    expect(r.text).toContain(`/applications/new?personId=${people.koval}`);
  });

  it('the starosta’s reach applies: a person outside the district is not shown to her, the front office finds her', async () => {
    const s = await byMrz(as.starosta, TOWN);
    expect(s.status).toBe(200);
    expect(s.text).not.toContain('Міська');
    const f = await byMrz(as.frontdesk, TOWN);
    expect(f.text).toContain('Міська Ганна');
  });

  it('nobody matches: «Додати до реєстру» carries the MRZ in a POST form to the registry, which fills the person form from it', async () => {
    const r = await byMrz(as.frontdesk, NOBODY);
    expect(r.status).toBe(200);
    expect(r.text).toContain('За УНЗР і номером документа з ID-картки в реєстрі нікого не знайдено');
    const form = /<form method="post" action="\/persons\/new"[^>]*>([\s\S]*?)<\/form>/.exec(r.text);
    expect(form).not.toBeNull();
    expect(form![1]).toContain(`name="mrz" value="${html(NOBODY.join(''))}"`);
    expect(form![1]).toMatch(/<button value="mrz" type="submit" name="action"/);
    expect(form![1]).toContain('Додати до реєстру');
    // The MRZ is never put in a link.
    expect(r.text).not.toMatch(/href="[^"]*IDUKR/);

    const filled = await as.frontdesk.post('/persons/new', { mrz: NOBODY.join(''), action: 'mrz' });
    expect(filled.status).toBe(200);
    expect(filled.text).toContain(`value="${makeUnzr('1990-10-10', 5)}"`);
    expect(filled.text).toContain('value="000999888"');
    expect(filled.text).toContain('BONDAR OLHA');
    expect(filled.text).toMatch(/name="birthDate-year"[^>]*value="1990"/);
  });

  it('a wrong check digit: the Ukrainian message next to the field and in the error summary; nothing is searched', async () => {
    const before = await count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'person.search%'");
    const bad = [OKSANA[0].replace('0001234565', '0001234564'), OKSANA[1], OKSANA[2]];
    const r = await byMrz(as.starosta, bad);
    expect(r.status).toBe(400);
    expect(r.text).toContain('govuk-error-summary');
    expect(r.text).toContain('href="#mrz"');
    expect(r.text).toContain('id="mrz-error"');
    const message = 'Контрольна цифра номера документа не збігається — перевірте перший рядок';
    expect(r.text.split(message).length - 1).toBe(2);
    // The typed lines stay in the field to be corrected.
    expect(r.text).toContain(html(bad[0]));
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'person.search%'")).toBe(before);
  });

  it('an empty or unreadable MRZ is explained', async () => {
    const empty = await byMrz(as.starosta, '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Відскануйте або введіть три рядки машинозчитуваної зони ID-картки');
    const garbage = await byMrz(as.starosta, 'hello');
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain('Машинозчитувану зону не вдалося прочитати');
  });

  it('only those who take applications may use it; the CSRF token is required', async () => {
    expect((await byMrz(as.provider, OKSANA)).status).toBe(403);
    const anon = t.client();
    await anon.get('/');
    const r = await anon.post('/applications/new/mrz', { mrz: OKSANA.join('\n') });
    expect(r.status).toBe(401);
    await as.starosta.get('/applications/new');
    expect((await as.starosta.post('/applications/new/mrz', { _csrf: null, mrz: OKSANA.join('\n') })).status).toBe(403);
  });
});
