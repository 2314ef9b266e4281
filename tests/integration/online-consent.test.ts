import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { linkResident, multipartForm } from '../helpers/cabinet.js';
import { applicationFixtures } from '../helpers/applications.js';
import { demoHromadaId } from '../factories/index.js';

/**
 * Issue 9, item 20: the consent ticked in the online application form is recorded on the person
 * (purpose, date, channel «онлайн») and shown on the person's card; once per application.
 */
let t: TestApp;
let hromadaId: number;
let svc = '';
let personId = '';
const as: Record<string, HttpClient> = {};
const fx = applicationFixtures(() => ({ t, hromadaId }));
const formKeyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)![1];
const kyivToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Kyiv' }).format(new Date());

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  svc = await fx.addService('Персональний асистент (тест згоди)', { channels: ['online', 'front_office'] });
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  personId = await fx.addPerson('Згодна', settlement);
  await linkResident(t, 'zgoda@example.com', personId);
  as.resident = t.client();
  await signInAs(t, as.resident, { email: 'zgoda@example.com' });
  as.worker = t.client();
  await signInAs(t, as.worker, { username: 'worker' });
});
afterAll(async () => {
  await t?.close();
});

describe('consent given in the online form', () => {
  it('a draft saved with the consent ticked records nothing on the person yet', async () => {
    const page = await as.resident.get(`/cabinet/apply/${svc}`);
    const r = await as.resident.postMultipart(
      `/cabinet/apply/${svc}`,
      multipartForm({ formKey: formKeyOf(page.text), consent: 'yes', action: 'draft', personId }),
    );
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    expect((await t.owner('SELECT 1 FROM consents WHERE person_id = $1', [personId])).rowCount).toBe(0);
  });

  it('submitting records it on the person (purpose, date, channel «онлайн», the application), audited, once', async () => {
    const page = await as.resident.get(`/cabinet/apply/${svc}`);
    const r = await as.resident.postMultipart(
      `/cabinet/apply/${svc}`,
      multipartForm({ formKey: formKeyOf(page.text), consent: 'yes', action: 'review', personId }, {}),
    );
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    const id = /\/cabinet\/applications\/([0-9a-f-]{36})\/review/.exec(r.location ?? '')![1];
    const review = await as.resident.get(`/cabinet/applications/${id}/review`);
    const key = formKeyOf(review.text);
    expect((await as.resident.post(`/cabinet/applications/${id}/submit`, { formKey: key })).status).toBe(303);
    // A repeated submit (double click) returns the same application and records no second consent.
    expect((await as.resident.post(`/cabinet/applications/${id}/submit`, { formKey: key })).status).toBe(303);
    const rows = (
      await t.owner<{
        id: string;
        purpose: string;
        legal_basis: string;
        channel: string;
        given_on: string;
        application_id: string;
        recorded_by: string;
        number: string;
      }>(
        `SELECT k.id, k.purpose, k.legal_basis, k.channel, to_char(k.given_on, 'YYYY-MM-DD') AS given_on, k.application_id,
         k.recorded_by, a.registration_number AS number
       FROM consents k JOIN applications a ON a.id = k.application_id WHERE k.person_id = $1`,
        [personId],
      )
    ).rows;
    expect(rows).toHaveLength(1);
    const [k] = rows;
    const resident = (await t.owner<{ id: string }>("SELECT id FROM users WHERE email = 'zgoda@example.com'")).rows[0]
      .id;
    expect(k).toMatchObject({
      legal_basis: 'consent',
      channel: 'online',
      given_on: kyivToday(),
      application_id: id,
      recorded_by: resident,
    });
    expect(k.purpose).toContain('Персональний асистент (тест згоди)');
    expect(k.purpose).toContain(k.number);
    expect(
      (await t.owner("SELECT 1 FROM audit_log WHERE action = 'consent.record' AND entity_id = $1", [k.id])).rowCount,
    ).toBe(1);
  });

  it('the person card shows it with its channel, beside a consent recorded from a paper form', async () => {
    const card = await as.worker.get(`/persons/${personId}`);
    expect(card.status).toBe(200);
    await as.worker.post(`/persons/${personId}/consents`, {
      purpose: 'Обробка для пільг',
      legalBasis: 'consent',
      scope: 'ПІБ, адреса',
      textVersion: '1',
      'givenOn-day': '1',
      'givenOn-month': '2',
      'givenOn-year': '2026',
    });
    const after = await as.worker.get(`/persons/${personId}`);
    const section = after.text.slice(after.text.indexOf('id="consents"'));
    expect(section).toContain('Персональний асистент (тест згоди)');
    expect(section).toContain('Канал: онлайн');
    expect(section).toContain('Канал: паперовий бланк');
  });
});
