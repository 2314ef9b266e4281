import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor, foreignApplication } from '../helpers/api.js';
import { addDays, kyivToday } from '../../src/modules/applications/working-days.js';
import { demoHromadaId, service } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const tokens: Record<string, string> = {};
let personId = '';
let serviceId = '';
let foreignApp = '';

interface AppJson {
  id: string;
  status: string;
  deadline: string | null;
  history: { event: string; from: string | null; to: string; note: string | null }[];
}
interface Problem {
  errors: { path: string; message: string }[];
}
interface Failure {
  error: { code: string; message: string };
}

const tokenFor = (username: string) => apiTokenFor(t, username);

function api(method: string, path: string, who: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.client().request(method, `/api/v1${path}`, {
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}
const move = (id: string, who: string, body: Record<string, unknown>) =>
  api('POST', `/applications/${id}/transitions`, who, body);
const status = async (id: string) =>
  (await t.owner<{ status: string; version: number }>('SELECT status, version FROM applications WHERE id = $1', [id]))
    .rows[0];

async function newApplication(): Promise<string> {
  const r = await api('POST', '/applications', 'frontdesk', { personId, serviceId, channel: 'front_office' });
  expect(r.status, r.text).toBe(201);
  return r.json<AppJson>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  for (const u of ['worker', 'manager', 'frontdesk', 'provider']) tokens[u] = await tokenFor(u);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const p = await api('POST', '/persons', 'worker', {
    lastName: 'Переходенко',
    firstName: 'Ігор',
    birthDate: '1958-03-03',
    sex: 'male',
    settlementCode: settlement,
    confirm: true,
  });
  expect(p.status, p.text).toBe(201);
  personId = p.json<{ id: string }>().id;
  serviceId = (await service(t, { hromadaId, name: 'Переходи (тест)', channels: ['front_office'] })).id;
  foreignApp = await foreignApplication(t);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/v1/applications/{id}/transitions', () => {
  it('drives the status machine with the web pages’ rules: review, documents, decision; history and audit', async () => {
    const id = await newApplication();
    const review = await move(id, 'worker', {
      command: 'startReview',
      note: 'Беру в роботу',
      version: (await status(id)).version,
    });
    expect(review.status, review.text).toBe(200);
    const a = review.json<AppJson>();
    expect(a.status).toBe('in_review');
    expect(a.history.at(-1)).toMatchObject({
      event: 'startReview',
      from: 'registered',
      to: 'in_review',
      note: 'Беру в роботу',
    });

    const dueOn = addDays(kyivToday(), 7);
    const docs = await move(id, 'worker', { command: 'requestDocuments', documents: ['Довідка про доходи'], dueOn });
    expect(docs.status, docs.text).toBe(200);
    expect(docs.json<AppJson>().status).toBe('needs_documents');
    const due = await t.owner<{ due_on: string }>(
      "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM application_document_requests WHERE application_id = $1",
      [id],
    );
    expect(due.rows[0].due_on).toBe(dueOn);
    expect((await move(id, 'worker', { command: 'documentsReceived' })).json<AppJson>().status).toBe('in_review');

    const denied = await move(id, 'worker', { command: 'grant' });
    expect(denied.status).toBe(403);
    const granted = await move(id, 'manager', { command: 'grant', note: 'Надати послугу' });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.json<AppJson>().status).toBe('granted');
    const audit = await t.owner<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action IN ('application.startReview', 'application.grant',
         'api.applications.transition') ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'application.startReview',
      'api.applications.transition',
      'api.applications.transition',
      'api.applications.transition',
      'api.applications.transition',
      'application.grant',
      'api.applications.transition',
    ]);
    const decision = await t.owner('SELECT 1 FROM decision_documents WHERE application_id = $1 AND kind = $2', [
      id,
      'granted',
    ]);
    expect(decision.rowCount).toBe(1);
  });

  it('answers 409 with a Ukrainian message for a transition the status does not allow, or a stale version', async () => {
    const id = await newApplication();
    const illegal = await move(id, 'manager', { command: 'grant' });
    expect(illegal.status).toBe(409);
    expect(illegal.json<Failure>().error).toEqual({
      code: 'conflict',
      message: 'Цю дію не можна виконати: поточний статус заяви її не дозволяє',
    });
    const stale = await move(id, 'worker', { command: 'startReview', version: (await status(id)).version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.json<Failure>().error.message).toBe(
      'Заяву щойно змінив інший користувач. Відкрийте її знову та перевірте статус',
    );
    expect((await status(id)).status).toBe('registered');
    const english = await api(
      'POST',
      `/applications/${id}/transitions`,
      'manager',
      { command: 'complete' },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(409);
    expect(english.json<Failure>().error.message).toMatch(/current status does not allow/);
  });

  it('answers bad input with 400 and { errors: [{ path, message }] } in Ukrainian, changing nothing', async () => {
    const id = await newApplication();
    await move(id, 'worker', { command: 'startReview' });
    const before = await status(id);
    const cases: [unknown, string[]][] = [
      [{}, ['command']],
      [{ command: 'fly' }, ['command']],
      [{ command: 'startReview', extra: true }, ['']],
      [
        { command: 'requestDocuments', documents: 'паспорт', dueOn: '2026-13-45', version: 'x' },
        ['documents', 'dueOn', 'version'],
      ],
      [{ command: 'requestDocuments' }, ['documents', 'dueOn']],
      [{ command: 'requestDocuments', documents: ['Паспорт'], dueOn: addDays(kyivToday(), -1) }, ['dueOn']],
      [{ command: 'refuse', reason: '   ' }, ['reason']],
      [{ command: 'grant', note: 'я'.repeat(2001) }, ['note']],
    ];
    for (const [body, paths] of cases) {
      const r = await move(id, 'manager', body as Record<string, unknown>);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const errors = r.json<Problem>().errors;
      expect(errors.map((e) => e.path).sort(), JSON.stringify(body)).toEqual(paths);
      expect(
        errors.every((e) => /[а-яіїєґ]/i.test(e.message)),
        JSON.stringify(errors),
      ).toBe(true);
    }
    const missing = (await move(id, 'manager', { command: 'requestDocuments' })).json<Problem>().errors;
    expect(missing).toContainEqual({ path: 'documents', message: 'Вкажіть, які документи потрібні' });
    expect(await status(id)).toEqual(before);
  });

  it('404 for another hromada’s or an unknown application, 400 for a malformed id, 403 for roles that may not', async () => {
    const foreign = await move(foreignApp, 'manager', { command: 'startReview' });
    expect(foreign.status).toBe(404);
    expect(foreign.json<Failure>().error.code).toBe('not_found');
    expect((await move(crypto.randomUUID(), 'manager', { command: 'startReview' })).status).toBe(404);
    expect((await move('not-a-uuid', 'manager', { command: 'startReview' })).status).toBe(400);
    const id = await newApplication();
    expect((await move(id, 'frontdesk', { command: 'startReview' })).status).toBe(403);
    expect((await move(id, 'provider', { command: 'startReview' })).status).toBe(403);
    expect(
      (
        await t.client().request('POST', `/api/v1/applications/${id}/transitions`, {
          headers: { 'content-type': 'application/json' },
          body: '{"command":"startReview"}',
        })
      ).status,
    ).toBe(401);
    expect((await status(id)).status).toBe('registered');
    const refused = await t.owner(
      "SELECT 1 FROM audit_log WHERE action = 'api.applications.transition' AND reason = 'refused: forbidden'",
    );
    expect(refused.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('is described in the OpenAPI document, with the Idempotency-Key header of registration', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; in: string; required: boolean }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
    }>();
    const op = doc.paths['/applications/{id}/transitions']?.post;
    expect(op).toBeTruthy();
    expect(op.requestBody).toBeTruthy();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    expect(doc.paths['/applications'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
  });
});
