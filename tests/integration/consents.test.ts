import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';

let t: TestApp;
let worker: HttpClient;
let person: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = t.client();
  await signInAs(t, worker, { username: 'worker' });
  await worker.get('/persons/new');
  const r = await worker.post('/persons/new', {
    lastName: 'Гнатюк',
    firstName: 'Софія',
    sex: 'female',
    confirm: 'yes',
    action: 'save',
  });
  person = /\/persons\/([0-9a-f-]{36})/.exec(r.location ?? '')![1];
});
afterAll(async () => {
  await t?.close();
});

const consent = {
  purpose: 'Надання соціальних послуг',
  legalBasis: 'consent',
  scope: 'ПІБ, адреса, телефон — надавачам послуг',
  textVersion: '2024-01',
  'givenOn-day': '10',
  'givenOn-month': '02',
  'givenOn-year': '2024',
};

describe('consents', () => {
  it('refuses an incomplete consent with messages on the card', async () => {
    await worker.get(`/persons/${person}`);
    const r = await worker.post(`/persons/${person}/consents`, { ...consent, purpose: '', 'givenOn-year': '2999' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Вкажіть мету обробки');
    expect(r.text).toContain('Дата надання згоди не може бути в майбутньому');
    expect((await t.owner('SELECT 1 FROM consents WHERE person_id = $1', [person])).rowCount).toBe(0);
  });

  it('records a consent, shows it on the card and audits it', async () => {
    await worker.get(`/persons/${person}`);
    const r = await worker.post(`/persons/${person}/consents`, consent);
    expect(r.status).toBe(303);
    const card = await worker.get(`/persons/${person}`);
    expect(card.text).toContain('Надання соціальних послуг');
    expect(card.text).toContain('10.02.2024');
    expect(card.text).toContain('редакція 2024-01');
    const row = await t.owner<{ id: string; recorded_by: string }>(
      'SELECT id, recorded_by FROM consents WHERE person_id = $1',
      [person],
    );
    expect(row.rows[0].recorded_by).toBeTruthy();
    expect(
      (await t.owner("SELECT 1 FROM audit_log WHERE action = 'consent.record' AND entity_id = $1", [row.rows[0].id]))
        .rowCount,
    ).toBe(1);
  });

  it('withdraws a consent after confirming', async () => {
    const id = (await t.owner<{ id: string }>('SELECT id FROM consents WHERE person_id = $1', [person])).rows[0].id;
    const confirm = await worker.get(`/persons/${person}/consents/${id}/withdraw`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Відкликати згоду?');
    const noCsrf = await worker.post(`/persons/${person}/consents/${id}/withdraw`, { _csrf: null });
    expect(noCsrf.status).toBe(403);
    const r = await worker.post(`/persons/${person}/consents/${id}/withdraw`);
    expect(r.status).toBe(303);
    const row = await t.owner<{ withdrawn_on: Date | null; withdrawn_by: string | null }>(
      'SELECT withdrawn_on, withdrawn_by FROM consents WHERE id = $1',
      [id],
    );
    expect(row.rows[0].withdrawn_on).not.toBeNull();
    expect(row.rows[0].withdrawn_by).toBeTruthy();
    expect((await worker.get(`/persons/${person}`)).text).toContain('Відкликана');
    expect((await worker.post(`/persons/${person}/consents/${id}/withdraw`)).status).toBe(404);
  });

  it('a provider without the person as a client cannot record a consent', async () => {
    const c = t.client();
    await signInAs(t, c, { username: 'provider' });
    await c.get('/staff');
    expect((await c.post(`/persons/${person}/consents`, consent)).status).toBe(403);
  });
});
