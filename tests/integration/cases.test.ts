import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { application, kase, newHromada, person, service, signedIn, staffUser } from '../factories/index.js';
import { kyivToday, addDays } from '../../src/platform/dates.js';

let t: TestApp;
let worker: HttpClient;
let serviceId: string;

const idOf = (location: string | null) => /\/cases\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const parts = (iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { 'happenedOn-day': d, 'happenedOn-month': m, 'happenedOn-year': y };
};

beforeAll(async () => {
  t = await startTestApp();
  worker = await signedIn(t, 'worker');
  serviceId = (await service(t, { name: 'Догляд вдома (тест випадків)' })).id;
});
afterAll(async () => {
  await t?.close();
});

describe('opening a case', () => {
  it('a worker opens a case from a granted application: its person, the service in the timeline, one case only', async () => {
    const personId = await person(t, { lastName: 'Ковальчук', firstName: 'Ганна' });
    const appId = await application(t, { personId, serviceId, status: 'granted' });
    const page = await worker.get(`/applications/${appId}`);
    expect(page.text).toContain(`/cases/new?applicationId=${appId}`);
    const form = await worker.get(`/cases/new?applicationId=${appId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ковальчук Ганна');
    expect(form.text).toContain('Догляд вдома (тест випадків)');
    const r = await worker.post('/cases', { applicationId: appId, typeCode: 'older_disability', priority: 'high' });
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const id = idOf(r.location);
    const k = await worker.get(`/cases/${id}?done=opened`);
    expect(k.status).toBe(200);
    expect(k.text).toMatch(/Випадок В-\d{4}-\d{6}/);
    expect(k.text).toContain('Випадок відкрито за наданою послугою «Догляд вдома (тест випадків)»');
    expect(k.text).toContain('Ковальчук Ганна');
    expect(k.text).toContain('веде випадок');
    expect(await audited('case.open', id)).toBe(1);
    expect(await audited('case.view', id)).toBeGreaterThanOrEqual(1);
    // The application page now links to the case; a second one is refused.
    expect((await worker.get(`/applications/${appId}`)).text).toContain(`/cases/${id}`);
    expect((await worker.get(`/cases/new?applicationId=${appId}`)).text).toContain(
      'За цією заявою вже відкрито випадок',
    );
    const again = await worker.post('/cases', { applicationId: appId, typeCode: 'other', priority: 'normal' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('За цією заявою вже відкрито випадок');
    const n = await t.owner('SELECT 1 FROM cases WHERE application_id = $1', [appId]);
    expect(n.rowCount).toBe(1);
  });

  it('refuses an application whose service was not granted', async () => {
    const personId = await person(t, { lastName: 'Гнатюк' });
    const appId = await application(t, { personId, serviceId, status: 'in_review' });
    const r = await worker.post('/cases', { applicationId: appId, typeCode: 'other', priority: 'normal' });
    expect(r.status).toBe(409);
    expect(r.text).toContain('Випадок відкривають лише за заявою, за якою надано послугу');
  });

  it('opens from the person card; bad input is shown on the form and nothing is saved', async () => {
    const personId = await person(t, { lastName: 'Мельничук', firstName: 'Остап' });
    const card = await worker.get(`/persons/${personId}`);
    expect(card.text).toContain('Випадків немає.');
    expect(card.text).toContain(`/cases/new?personId=${personId}`);
    const before = (await t.owner('SELECT count(*)::int AS n FROM cases')).rows[0] as { n: number };
    const bad = await worker.post('/cases', { personId, typeCode: '', priority: 'someday' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Оберіть тип випадку');
    expect(bad.text).toContain('Оберіть пріоритет');
    const unknownType = await worker.post('/cases', { personId, typeCode: 'nonsense', priority: 'normal' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.text).toContain('Оберіть тип випадку');
    const nobody = await worker.post('/cases', { typeCode: 'other', priority: 'normal' });
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('Не вказано, чий це випадок');
    expect(((await t.owner('SELECT count(*)::int AS n FROM cases')).rows[0] as { n: number }).n).toBe(before.n);
    const ok = await worker.post('/cases', {
      personId,
      typeCode: 'family_sjo',
      priority: 'normal',
      note: 'Звернення сусідів',
    });
    expect(ok.status).toBe(303);
    const after = await worker.get(`/persons/${personId}`);
    expect(after.text).toContain('з дітьми у складних життєвих обставинах');
  });
});

describe('the status of a case', () => {
  let id: string;
  beforeAll(async () => {
    id = (await kase(t, { personId: await person(t, { lastName: 'Савчук' }) })).id;
  });

  it('moves along the machine; a stale version and a skipped step are refused', async () => {
    const page = await worker.get(`/cases/${id}`);
    expect(page.text).toContain('Почати оцінювання потреб');
    const v = versionOf(page.text);
    const r = await worker.post(`/cases/${id}/transitions`, { command: 'startAssessment', version: v });
    expect(r.status).toBe(303);
    expect((await worker.get(`/cases/${id}`)).text).toContain('Оцінювання потреб');
    // The same page posted again: someone (here: we) changed the case meanwhile.
    const stale = await worker.post(`/cases/${id}/transitions`, { command: 'startPlanning', version: v });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Випадок щойно змінив інший працівник');
    const now = versionOf((await worker.get(`/cases/${id}`)).text);
    const skip = await worker.post(`/cases/${id}/transitions`, { command: 'startReview', version: now });
    expect(skip.status).toBe(409);
    const unknown = await worker.post(`/cases/${id}/transitions`, { command: 'explode', version: now });
    expect(unknown.status).toBe(400);
    const status = await t.owner<{ status: string }>('SELECT status FROM cases WHERE id = $1', [id]);
    expect(status.rows[0].status).toBe('assessment');
    expect(await audited('case.startAssessment', id)).toBe(1);
  });

  it('closes only with a reason, takes no notes when closed, reopens keeping the history', async () => {
    // Closing is asked for with a reason and approved by a supervisor (decision 0019), never done directly.
    let v = versionOf((await worker.get(`/cases/${id}`)).text);
    const direct = await worker.post(`/cases/${id}/transitions`, { command: 'close', version: v, reason: 'Переїхала' });
    expect(direct.status).toBe(409);
    const noReason = await worker.post(`/cases/${id}/closure`, { closeReason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Вкажіть причину');
    expect((await worker.post(`/cases/${id}/closure`, { closeReason: 'Переїхала' })).status).toBe(303);
    const manager = await signedIn(t, 'manager');
    await manager.get(`/cases/${id}`);
    const closed = await manager.post(`/cases/${id}/closure/decision`, { decision: 'approve' });
    expect(closed.status).toBe(303);
    const page = await worker.get(`/cases/${id}`);
    expect(page.text).toContain('Переїхала');
    expect(page.text).not.toContain('Додати запис');
    const note = await worker.post(`/cases/${id}/notes`, { kind: 'call', ...parts(kyivToday()), text: 'Дзвінок' });
    expect(note.status).toBe(409);
    expect(note.text).toContain('Випадок закрито');
    v = versionOf(page.text);
    const reopened = await worker.post(`/cases/${id}/transitions`, {
      command: 'reopen',
      version: v,
      reason: 'Повернулася',
    });
    expect(reopened.status).toBe(303);
    const timeline = await t.owner<{ event: string }>('SELECT event FROM case_events WHERE case_id = $1 ORDER BY id', [
      id,
    ]);
    expect(timeline.rows.map((r) => r.event)).toEqual([
      'open',
      'startAssessment',
      'cases.closure.event.requested',
      'close',
      'reopen',
    ]);
    const row = await t.owner<{ status: string; closed_on: string | null }>(
      'SELECT status, closed_on FROM cases WHERE id = $1',
      [id],
    );
    expect(row.rows[0]).toEqual({ status: 'open', closed_on: null });
  });

  it('takes a note of the day it happened: not in the future, not before the case opened', async () => {
    const future = await worker.post(`/cases/${id}/notes`, {
      kind: 'visit',
      ...parts(addDays(kyivToday(), 1)),
      text: 'Візит',
    });
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата не може бути в майбутньому');
    const early = await worker.post(`/cases/${id}/notes`, {
      kind: 'visit',
      ...parts(addDays(kyivToday(), -1)),
      text: 'Візит',
    });
    expect(early.status).toBe(400);
    expect(early.text).toContain('Дата не може бути раніше відкриття випадку');
    const empty = await worker.post(`/cases/${id}/notes`, { kind: 'visit', ...parts(kyivToday()), text: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Опишіть, що відбулося');
    const ok = await worker.post(`/cases/${id}/notes`, {
      kind: 'visit',
      ...parts(kyivToday()),
      text: 'Оглянула умови',
    });
    expect(ok.status).toBe(303);
    const page = await worker.get(`/cases/${id}`);
    expect(page.text).toContain('Оглянула умови');
    expect(page.text).toContain('Додано запис: Візит');
    expect(await audited('case.note', id)).toBe(1);
  });
});

describe('who sees a case', () => {
  it('a restricted case is seen by its team only: others get 404, no list row, nothing on the card', async () => {
    const victim = await person(t, { lastName: 'Захарчук', firstName: 'Ірина' });
    const own = await staffUser(t, { role: 'worker' });
    const k = await kase(t, { personId: victim, typeCode: 'violence', byUserId: own.userId });
    const team = await signedIn(t, own.username);
    const page = await team.get(`/cases/${k.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Випадок з обмеженим доступом');
    expect((await team.get('/cases')).text).toContain(k.number);
    for (const who of ['worker', 'manager', 'children']) {
      const c = await signedIn(t, who);
      expect((await c.get(`/cases/${k.id}`)).status, who).toBe(404);
      expect((await c.get('/cases?scope=all')).text, who).not.toContain(k.number);
      const card = await c.get(`/persons/${victim}`);
      expect(card.text, who).not.toContain(k.number);
      const note = await c.post(`/cases/${k.id}/notes`, { kind: 'call', ...parts(kyivToday()), text: 'x' });
      expect(note.status, who).toBe(404);
    }
  });

  it('roles without cases are refused; another hromada’s case is not found', async () => {
    const k = await kase(t, { personId: await person(t, { lastName: 'Остапчук' }) });
    for (const who of ['frontdesk', 'provider', 'admin']) {
      const c = await signedIn(t, who);
      expect((await c.get('/cases')).status, who).toBe(403);
      expect((await c.get(`/cases/${k.id}`)).status, who).toBe(403);
    }
    const frontdesk = await signedIn(t, 'frontdesk');
    const card = await frontdesk.get(
      `/persons/${(await t.owner<{ person_id: string }>('SELECT person_id FROM cases WHERE id = $1', [k.id])).rows[0].person_id}`,
    );
    expect(card.text).not.toContain('id="cases"');
    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'manager', hromadaId: other.id });
    const c = await signedIn(t, stranger.username, { hromadaCode: other.code });
    expect((await c.get(`/cases/${k.id}`)).status).toBe(404);
    expect((await c.get('/cases?scope=all')).text).not.toContain(k.number);
    expect((await worker.get('/cases/not-a-uuid')).status).toBe(404);
  });

  it('the staff home counts the open cases the worker manages and links to them', async () => {
    const own = await staffUser(t, { role: 'worker' });
    await kase(t, { personId: await person(t, { lastName: 'Лічильник' }), byUserId: own.userId });
    const closing = await kase(t, { personId: await person(t, { lastName: 'Лічильник' }), byUserId: own.userId });
    const c = await signedIn(t, own.username);
    const v = versionOf((await c.get(`/cases/${closing.id}`)).text);
    expect(v).not.toBe('');
    expect((await c.post(`/cases/${closing.id}/closure`, { closeReason: 'Дубль' })).status).toBe(303);
    const manager = await signedIn(t, 'manager');
    await manager.get(`/cases/${closing.id}`);
    expect((await manager.post(`/cases/${closing.id}/closure/decision`, { decision: 'approve' })).status).toBe(303);
    const home = await c.get('/staff');
    expect(home.text).toMatch(
      /href="\/cases" data-counter="myCases"><span class="tb-counter__n">1<\/span> ваш відкритий випадок/,
    );
    const frontdesk = await signedIn(t, 'frontdesk');
    expect((await frontdesk.get('/staff')).text).not.toContain('data-counter="myCases"');
  });

  it('lists my cases by default, all of the hromada on request, filtered by status', async () => {
    const mineCase = await kase(t, { personId: await person(t, { lastName: 'Марченко' }) });
    const theirs = await kase(t, { personId: await person(t, { lastName: 'Лисенко' }), by: 'manager' });
    const mine = await worker.get('/cases');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(mineCase.number);
    expect(mine.text).not.toContain(theirs.number);
    const all = await worker.get('/cases?scope=all');
    expect(all.text).toContain(mineCase.number);
    expect(all.text).toContain(theirs.number);
    const closedOnly = await worker.get('/cases?scope=all&status=closed');
    expect(closedOnly.text).not.toContain(theirs.number);
    const planOnly = await worker.get('/cases?status=plan');
    expect(planOnly.text).toContain('У вас поки немає випадків.');
    const listed = await t.owner("SELECT 1 FROM audit_log WHERE action = 'case.list' AND reason LIKE 'all;results:%'");
    expect(listed.rowCount).toBeGreaterThan(0);
  });
});

describe('/api/v1/cases', () => {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('opens, reads, lists and moves a case; refusals as on the pages', async () => {
    const token = await apiTokenFor(t, 'worker');
    const personId = await person(t, { lastName: 'Апієнко', firstName: 'Віра' });
    const both = await call(token, 'POST', '/cases', { personId, householdId: personId, type: 'other' });
    expect(both.status).toBe(400);
    const created = await call(token, 'POST', '/cases', { personId, type: 'older_disability', priority: 'urgent' });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json.number).toMatch(/^В-\d{4}-\d{6}$/);
    const got = await call(token, 'GET', `/cases/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ status: 'open', priority: 'urgent', personId, restricted: false });
    expect((got.json.team as { role: string }[]).map((m) => m.role)).toEqual(['manager']);
    const list = await call(token, 'GET', `/cases?personId=${personId}`);
    expect(list.json.total).toBe(1);
    const moved = await call(token, 'POST', `/cases/${id}/transitions`, { to: 'assessment', version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.json.status).toBe('assessment');
    const stale = await call(token, 'POST', `/cases/${id}/transitions`, { to: 'plan', version: 1 });
    expect(stale.status).toBe(409);
    const skip = await call(token, 'POST', `/cases/${id}/transitions`, { to: 'review' });
    expect(skip.status).toBe(409);
    // Closing needs the supervisor's approval (decision 0019): the API refuses to close directly.
    const closed = await call(token, 'POST', `/cases/${id}/transitions`, { to: 'closed', reason: 'Потреби немає' });
    expect(closed.status).toBe(409);
    expect(JSON.stringify(closed.json)).toContain('погодження супервізора');
    expect(got.json.plan).toBeNull();
    expect(await audited('api.cases.transition', id)).toBeGreaterThanOrEqual(1);
  });

  it('hides a restricted case outside its team and refuses roles without cases', async () => {
    const k = await kase(t, {
      personId: await person(t, { lastName: 'Тихенко' }),
      typeCode: 'child_at_risk',
      by: 'children',
    });
    const worker = await apiTokenFor(t, 'worker');
    expect((await call(worker, 'GET', `/cases/${k.id}`)).status).toBe(404);
    expect(JSON.stringify((await call(worker, 'GET', '/cases?limit=200')).json)).not.toContain(k.id);
    const children = await apiTokenFor(t, 'children');
    expect((await call(children, 'GET', `/cases/${k.id}`)).status).toBe(200);
    const provider = await apiTokenFor(t, 'provider');
    expect((await call(provider, 'GET', '/cases')).status).toBe(403);
    expect((await call(provider, 'POST', '/cases', { personId: crypto.randomUUID(), type: 'other' })).status).toBe(403);
  });
});
