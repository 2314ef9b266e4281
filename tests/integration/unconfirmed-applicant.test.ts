import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { apiTokenFor } from '../helpers/api.js';
import { multipartForm, residentAccount, SAMPLE } from '../helpers/cabinet.js';
import { demoHromadaId, linkPerson, person, service } from '../factories/index.js';
import { makeRnokpp } from '../../src/modules/persons/identity/index.js';

/**
 * Issue 9, item 14: a resident whose account is not linked to the registry applies online; the
 * application is registered «особу не підтверджено», the worker links a registry person (or adds
 * one) and only then can decide; nothing that assumes a person crashes or leaks on the way.
 */
let t: TestApp;
let hromadaId: number;
let svc = '';
let docId = '';
let agencyId = 0;
const as: Record<string, HttpClient> = {};
const EMAIL = 'nezviazana@example.com';
const BIRTH = '1961-03-27';
const RNOKPP = makeRnokpp(BIRTH, 'female', 1234);
let userId = '';
let match = '';
let namesake = '';

const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
const one = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  (await t.owner<T>(sql, values)).rows[0];

async function addPerson(lastName: string, firstName: string, rnokpp?: string): Promise<string> {
  return person(t, {
    hromadaId,
    lastName,
    firstName,
    patronymic: 'Іванівна',
    birthDate: BIRTH,
    sex: 'female',
    ...(rnokpp ? { rnokpp } : {}),
  });
}

const applicant = (extra: Record<string, string> = {}) => ({
  applicantLastName: 'Непідтверджена',
  applicantFirstName: 'Ганна',
  applicantPatronymic: 'Іванівна',
  'applicantBirthDate-day': '27',
  'applicantBirthDate-month': '3',
  'applicantBirthDate-year': '1961',
  applicantRnokpp: RNOKPP,
  applicantPhone: '067 123 45 67',
  ...extra,
});

/** The online form, filled in and sent for review, then submitted: the application's id. */
async function applyUnconfirmed(c: HttpClient, fields = applicant()): Promise<string> {
  const page = await c.get(`/cabinet/apply/${svc}`);
  expect(page.status).toBe(200);
  const r = await c.postMultipart(
    `/cabinet/apply/${svc}`,
    multipartForm(
      { formKey: formKeyOf(page.text), consent: 'yes', action: 'review', ...fields },
      { [`file-${docId}`]: { data: SAMPLE.pdf, name: 'заява.pdf' } },
    ),
  );
  expect(r.status, r.text.slice(0, 1500)).toBe(303);
  const id = /\/cabinet\/applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
  const review = await c.get(`/cabinet/applications/${id}/review`);
  const s = await c.post(`/cabinet/applications/${id}/submit`, { formKey: formKeyOf(review.text) });
  expect(s.status, s.text.slice(0, 500)).toBe(303);
  return id;
}

async function transition(c: HttpClient, id: string, command: string, fields: Record<string, string> = {}) {
  await c.get(`/applications/${id}`);
  const { version } = await one<{ version: number }>('SELECT version FROM applications WHERE id = $1', [id]);
  return c.post(`/applications/${id}/transition`, { command, version: String(version), ...fields });
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  agencyId = (
    await one<{ id: number }>('SELECT id FROM agencies WHERE hromada_id = $1 ORDER BY id LIMIT 1', [hromadaId])
  ).id;
  const s = await service(t, {
    name: 'Соціальний супровід (тест)',
    channels: ['online', 'front_office'],
    documents: [{ name: 'Заява' }],
    providers: [agencyId],
  });
  svc = s.id;
  docId = s.documentIds[0];
  match = await addPerson('Непідтверджена', 'Ганна', RNOKPP);
  namesake = await addPerson('Непідтверджена', 'Оксана');
  userId = await residentAccount(t, EMAIL, 'Ганна');
  as.resident = t.client();
  await signInAs(t, as.resident, { email: EMAIL });
  await residentAccount(t, 'cikava@example.com', 'Цікава');
  as.other = t.client();
  await signInAs(t, as.other, { email: 'cikava@example.com' });
  for (const u of ['worker', 'manager', 'frontdesk', 'starosta']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
});
afterAll(async () => {
  await t?.close();
});

describe('a resident without a registry link applies online', () => {
  let id = '';

  it('the form asks who applies and checks it (required name and birth date, РНОКПП checksum and birth date, phone)', async () => {
    const page = await as.resident.get(`/cabinet/apply/${svc}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="applicantLastName"');
    expect(page.text).toContain('особу не підтверджено');
    const bad = await as.resident.postMultipart(
      `/cabinet/apply/${svc}`,
      multipartForm(
        {
          formKey: formKeyOf(page.text),
          consent: 'yes',
          action: 'review',
          ...applicant({ applicantLastName: '', applicantRnokpp: '1234567890', applicantPhone: '12' }),
        },
        { [`file-${docId}`]: { data: SAMPLE.pdf, name: 'заява.pdf' } },
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Введіть прізвище');
    expect(bad.text).toContain('Перевірте РНОКПП');
    expect(bad.text).toContain('Введіть український номер телефону');
    // What was typed stays in the form.
    expect(bad.text).toContain('value="Ганна"');
    const wrongBirth = await as.resident.postMultipart(
      `/cabinet/apply/${svc}`,
      multipartForm({
        formKey: formKeyOf(page.text),
        consent: 'yes',
        action: 'review',
        ...applicant({ 'applicantBirthDate-day': '28' }),
      }),
    );
    expect(wrongBirth.status).toBe(400);
    expect(wrongBirth.text).toContain('РНОКПП не відповідає даті народження');
    // Nothing is registered; the good file of the first post is kept with a draft (item 16), without the invalid applicant.
    const rows = (
      await t.owner<{ status: string; files: string; applicants: string }>(
        `SELECT a.status, (SELECT count(*) FROM application_documents d WHERE d.application_id = a.id) AS files,
              (SELECT count(*) FROM application_applicants p WHERE p.application_id = a.id) AS applicants
         FROM applications a WHERE a.applicant_user_id = $1`,
        [userId],
      )
    ).rows;
    expect(rows).toEqual([{ status: 'draft', files: '1', applicants: '0' }]);
    expect(wrongBirth.text).toContain('заява.pdf');
  });

  it('is registered with no person, the typed data kept (РНОКПП sealed), and the resident is notified', async () => {
    id = await applyUnconfirmed(as.resident);
    const a = await one<{
      status: string;
      person_id: string | null;
      applicant_user_id: string;
      registration_number: string;
      district_id: number | null;
    }>(
      'SELECT status, person_id, applicant_user_id, registration_number, district_id FROM applications WHERE id = $1',
      [id],
    );
    expect(a).toMatchObject({ status: 'registered', person_id: null, applicant_user_id: userId, district_id: null });
    expect(a.registration_number).toMatch(/^СП-\d{4}-\d{6}$/);
    const typed = await one<{ last_name: string; rnokpp_sealed: string; rnokpp_hash: string; phone: string }>(
      'SELECT last_name, rnokpp_sealed, rnokpp_hash, phone FROM application_applicants WHERE application_id = $1',
      [id],
    );
    expect(typed.last_name).toBe('Непідтверджена');
    expect(typed.phone).toBe('+380671234567');
    expect(typed.rnokpp_sealed).not.toContain(RNOKPP);
    expect(t.services.box.open(typed.rnokpp_sealed)).toBe(RNOKPP);
    const n = await one<{ user_id: string; email_to: string | null }>(
      "SELECT user_id, email_to FROM notifications WHERE application_id = $1 AND kind = 'registered'",
      [id],
    );
    expect(n).toEqual({ user_id: userId, email_to: EMAIL });
    // The consent waits for the person: nothing recorded yet.
    expect(
      Number((await one<{ n: string }>('SELECT count(*) AS n FROM consents WHERE application_id = $1', [id])).n),
    ).toBe(0);
  });

  it('the resident sees it with the one step left; another resident gets 404', async () => {
    const list = await as.resident.get('/cabinet/applications');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/cabinet/applications/${id}`);
    const page = await as.resident.get(`/cabinet/applications/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="identity-step"');
    expect(page.text).toContain('Залишився один крок');
    expect(page.text).toContain('Непідтверджена Ганна');
    expect((await as.other.get(`/cabinet/applications/${id}`)).status).toBe(404);
    expect((await as.other.post(`/cabinet/applications/${id}/withdraw`, { version: '3' })).status).toBe(404);
  });

  it('staff see it in the queue marked «особу не підтверджено», with the typed data (РНОКПП masked) and the registry candidates', async () => {
    const queue = await as.worker.get('/applications');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('особу не підтверджено');
    expect(queue.text).toContain('Непідтверджена Ганна Іванівна');
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="unconfirmed-tag"');
    expect(page.text).toContain(`••••••${RNOKPP.slice(-4)}`);
    expect(page.text).not.toContain(RNOKPP);
    expect(page.text).toContain(`value="${match}"`);
    expect(page.text).toContain(`value="${namesake}"`);
    expect(page.text).toContain('збіг: РНОКПП');
    // The front office (reads, does not process) sees the candidates but gets no form to link them, and linking is refused.
    const desk = await as.frontdesk.get(`/applications/${id}`);
    expect(desk.text).toContain('id="candidates"');
    expect(desk.text).not.toContain(`action="/applications/${id}/person"`);
    expect((await as.frontdesk.post(`/applications/${id}/person`, { personId: match })).status).toBe(403);
    // No decision before the person is known: the page does not offer it and the transition is refused.
    expect((await transition(as.worker, id, 'startReview')).status).toBe(303);
    const pageInReview = await as.manager.get(`/applications/${id}`);
    expect(pageInReview.text).not.toContain('value="grant"');
    const grant = await transition(as.manager, id, 'grant', { note: 'так' });
    expect(grant.status).toBe(409);
    expect(grant.text).toContain('Особу не підтверджено');
    expect((await one<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id])).status).toBe(
      'in_review',
    );
    expect(
      Number(
        (
          await one<{ n: string }>(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'application.applicant.view' AND entity_id = $1",
            [id],
          )
        ).n,
      ),
    ).toBeGreaterThan(0);
  });

  it('the receipt, the deadline filters and the applicant contact work without a person', async () => {
    const receipt = await fetch(`${t.baseUrl}/applications/${id}/receipt.pdf`, {
      headers: { cookie: [...as.frontdesk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(receipt.status).toBe(200);
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    for (const due of ['at_risk', 'overdue'])
      expect((await as.worker.get(`/applications?due=${due}`)).status).toBe(200);
    expect((await as.worker.get(`/applications?serviceId=${svc}&status=in_review`)).text).toContain(
      'особу не підтверджено',
    );
    // The applicant contact section comes from the account that filed it (its profile), not from a registry person.
    await t.owner(
      "INSERT INTO resident_profiles (user_id, phone, contact_channel) VALUES ($1, '+380501112233', 'phone')",
      [userId],
    );
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.text).toContain('+380 50 111 22 33');
  });

  it('the starosta (district reach) does not see it; the API shows personId null and no name', async () => {
    expect((await as.starosta.get(`/applications/${id}`)).status).toBe(403);
    const token = await apiTokenFor(t, 'worker');
    const r = await fetch(`${t.baseUrl}/api/v1/applications/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await r.text();
    expect(r.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ id, personId: null, status: 'in_review' });
    expect(text).not.toContain('Непідтверджена');
    const list = await fetch(`${t.baseUrl}/api/v1/applications`, { headers: { authorization: `Bearer ${token}` } });
    const items = ((await list.json()) as { items: { id: string; personId: string | null }[] }).items;
    expect(list.status).toBe(200);
    expect(items.find((x) => x.id === id)).toMatchObject({ personId: null });
  });

  it('messages from the resident reach the office inbox; the applicant contact is the filing account', async () => {
    const page = await as.resident.get(`/cabinet/applications/${id}/messages`);
    expect(page.status).toBe(200);
    const key = /name="formKey" value="([^"]+)"/.exec(page.text)![1];
    const sent = await as.resident.postMultipart(
      `/cabinet/applications/${id}/messages`,
      multipartForm({ formKey: key, messageBody: 'Коли прийти з паспортом?' }),
    );
    expect(sent.status, sent.text.slice(0, 500)).toBe(303);
    const mine = await as.resident.get('/cabinet/messages');
    expect(mine.text).toContain('Непідтверджена Ганна');
    const inbox = await as.worker.get('/applications/messages');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Непідтверджена Ганна');
  });

  it('the worker links the matching person: audited, timeline, consent recorded on the person with channel «онлайн»', async () => {
    const missing = await as.worker.post(`/applications/${id}/person`, { version: '1' });
    expect(missing.status).toBe(400);
    const { version } = await one<{ version: number }>('SELECT version FROM applications WHERE id = $1', [id]);
    const r = await as.worker.post(`/applications/${id}/person`, { personId: match, version: String(version) });
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const a = await one<{ person_id: string }>('SELECT person_id FROM applications WHERE id = $1', [id]);
    expect(a.person_id).toBe(match);
    const again = await as.worker.post(`/applications/${id}/person`, {
      personId: namesake,
      version: String(version + 1),
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Заяву вже пов’язано з особою');
    expect((await one<{ person_id: string }>('SELECT person_id FROM applications WHERE id = $1', [id])).person_id).toBe(
      match,
    );
    const actions = (
      await t.owner<{ action: string; entity_type: string }>(
        `SELECT action, entity_type FROM audit_log WHERE (entity_id = $1 OR entity_id = $2)
         AND action IN ('application.person.link', 'person.application.link') ORDER BY id`,
        [id, match],
      )
    ).rows;
    expect(actions).toEqual([
      { action: 'application.person.link', entity_type: 'application' },
      { action: 'person.application.link', entity_type: 'person' },
    ]);
    const k = await one<{ person_id: string; channel: string; purpose: string; given_on: string; legal_basis: string }>(
      "SELECT person_id, channel, purpose, to_char(given_on, 'YYYY-MM-DD') AS given_on, legal_basis FROM consents WHERE application_id = $1",
      [id],
    );
    expect(k).toMatchObject({ person_id: match, channel: 'online', legal_basis: 'consent' });
    expect(k.purpose).toContain('Соціальний супровід (тест)');
    const card = await as.worker.get(`/persons/${match}`);
    expect(card.text).toContain('Канал: онлайн');
    const page = await as.worker.get(`/applications/${id}`);
    expect(page.text).not.toContain('id="unconfirmed-tag"');
    expect(page.text).toContain('Особу пов’язано з реєстром');
  });

  it('after the link the decision is taken and the provider gets the person; the resident sees the status but not the decision', async () => {
    expect((await transition(as.manager, id, 'grant', { note: 'Надати' })).status).toBe(303);
    expect((await one<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id])).status).toBe(
      'granted',
    );
    const page = await as.resident.get(`/cabinet/applications/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="identity-step"');
    expect(page.text).not.toContain('decision.pdf');
    expect((await as.resident.get(`/cabinet/applications/${id}/decision.pdf`)).status).toBe(404);
    const n = await one<{ user_id: string }>(
      "SELECT user_id FROM notifications WHERE application_id = $1 AND kind = 'granted'",
      [id],
    );
    expect(n.user_id).toBe(userId);
    // The only provider of the service gets the granted application, for the linked person.
    expect(await one('SELECT person_id, agency_id FROM service_assignments WHERE application_id = $1', [id])).toEqual({
      person_id: match,
      agency_id: agencyId,
    });
    // Once the account is linked to the person (identity confirmed), the decision is there.
    await linkPerson(t, userId, match);
    const confirmed = await as.resident.get(`/cabinet/applications/${id}`);
    expect(confirmed.text).not.toContain('id="identity-step"');
    expect(confirmed.text).toContain('decision.pdf');
    await t.owner('DELETE FROM resident_persons WHERE user_id = $1', [userId]);
  });

  it('no matching record: the worker adds the person from the application (form filled in) and comes back to link', async () => {
    const id2 = await applyUnconfirmed(as.resident, applicant({ applicantLastName: 'Новенька', applicantRnokpp: '' }));
    const page = await as.worker.get(`/applications/${id2}`);
    expect(page.text).toContain('id="add-applicant"');
    const form = await as.worker.get(`/persons/new?forApplication=${id2}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Новенька"');
    expect(form.text).toContain(`name="forApplication" value="${id2}"`);
    const settlement = (await one<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1')).c;
    const created = await as.worker.post('/persons/new', {
      forApplication: id2,
      lastName: 'Новенька',
      firstName: 'Ганна',
      patronymic: 'Іванівна',
      'birthDate-day': '27',
      'birthDate-month': '03',
      'birthDate-year': '1961',
      sex: 'female',
      settlementCode: settlement,
      confirm: 'yes',
    });
    expect(created.status, created.text.slice(0, 800)).toBe(303);
    expect(created.location).toBe(`/applications/${id2}?done=personCreated#unconfirmed`);
    const back = await as.worker.get(`/applications/${id2}?done=personCreated`);
    const newId = (await one<{ id: string }>("SELECT id FROM persons WHERE last_name = 'Новенька'")).id;
    expect(back.text).toContain(`value="${newId}"`);
    const { version } = await one<{ version: number }>('SELECT version FROM applications WHERE id = $1', [id2]);
    expect(
      (await as.worker.post(`/applications/${id2}/person`, { personId: newId, version: String(version) })).status,
    ).toBe(303);
    expect(
      (await one<{ person_id: string }>('SELECT person_id FROM applications WHERE id = $1', [id2])).person_id,
    ).toBe(newId);
  });
});
