import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { agency, application, kase, person, service, signedIn, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { decidePlan } from '../../src/modules/cases/use-cases/decide-plan.js';
import type { CaseServiceTermListener } from '../../src/modules/cases/cases.hooks.js';
import { caseTeamMember, demoHromadaId, staffActor } from '../factories/index.js';

let t: TestApp;
let worker: HttpClient;
let manager: HttpClient;
let providerAgency: number;
let otherAgency: number;
let serviceId: string;

const parts = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const planOf = async (caseId: string) =>
  (
    await t.owner<{ version: number; status: string; return_comment: string | null }>(
      'SELECT version, status, return_comment FROM case_plans WHERE case_id = $1',
      [caseId],
    )
  ).rows[0];
const itemsOf = async (caseId: string) =>
  (
    await t.owner<{ id: string; kind: string; text: string | null; service_id: string | null }>(
      'SELECT id, kind, text, service_id FROM case_plan_items WHERE case_id = $1 ORDER BY position',
      [caseId],
    )
  ).rows;

/** The plan form's fields: the plan's own and one row per item (`i0-kind` …). */
function planForm(version: number | string, items: Record<string, string>[], extra: Record<string, string> = {}) {
  const body: Record<string, string> = { version: String(version), rows: String(items.length), ...extra };
  items.forEach((item, n) => {
    for (const [k, v] of Object.entries(item)) body[`i${n}-${k}`] = v;
  });
  return body;
}
const goal = (text: string, due = kyivToday()) => ({ kind: 'goal', text, ...parts('dueOn', due) });
const serviceItem = (agencyId: number, endsOn?: string) => ({
  kind: 'service',
  serviceId,
  agencyId: String(agencyId),
  text: 'Двічі на тиждень',
  ...parts('startsOn', kyivToday()),
  ...(endsOn ? parts('endsOn', endsOn) : {}),
});
/** `dueOn` etc. of a row are named `i<n>-dueOn-day`: the helper above names them `dueOn-day`, so prefix them. */
function rowFields(items: Record<string, string>[]) {
  return items.map((i) => Object.fromEntries(Object.entries(i)));
}

async function newCase(by = 'worker') {
  return kase(t, { personId: await person(t, { lastName: 'Планенко' }), typeCode: 'older_disability', by });
}
async function save(c: HttpClient, id: string, version: number | string, items: Record<string, string>[], extra = {}) {
  return c.post(`/cases/${id}/plan`, planForm(version, rowFields(items), extra));
}

beforeAll(async () => {
  t = await startTestApp();
  worker = await signedIn(t, 'worker');
  manager = await signedIn(t, 'manager');
  providerAgency = (
    await t.owner<{ agency_id: number }>(
      "SELECT g.agency_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'provider'",
    )
  ).rows[0].agency_id;
  otherAgency = await agency(t, { name: 'ГО «Турбота поруч» (тест планів)' });
  serviceId = (await service(t, { name: 'Догляд вдома (тест планів)', providers: [providerAgency, otherAgency] })).id;
});
afterAll(async () => {
  await t?.close();
});

describe('the individual plan', () => {
  it('is saved, submitted, returned with a comment, approved; its service goes to the provider', async () => {
    const k = await newCase();
    const form = await worker.get(`/cases/${k.id}/plan`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Догляд вдома (тест планів)');
    const saved = await save(
      worker,
      k.id,
      0,
      [goal('Жити вдома безпечно'), serviceItem(providerAgency, addDays(kyivToday(), 180))],
      {
        personWords: 'Хочу лишатися вдома',
        agreedChannel: 'in_person',
        ...parts('agreedOn', kyivToday()),
        ...parts('reviewOn', addDays(kyivToday(), 90)),
      },
    );
    expect(saved.status, saved.text.slice(0, 2000)).toBe(303);
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Жити вдома безпечно');
    expect(page.text).toContain('Хочу лишатися вдома');
    expect(page.text).toContain('Чернетка');
    expect(await audited('case.plan.save', k.id)).toBe(1);

    // Plan → active without approval is refused (the case must be at the plan step first).
    for (const command of ['startAssessment', 'startPlanning']) {
      const v = versionOf((await worker.get(`/cases/${k.id}`)).text.split('id="status"')[1] ?? '');
      expect((await worker.post(`/cases/${k.id}/transitions`, { command, version: v })).status).toBe(303);
    }
    const kv = () => t.owner<{ version: number }>('SELECT version FROM cases WHERE id = $1', [k.id]);
    const refused = await worker.post(`/cases/${k.id}/transitions`, {
      command: 'activate',
      version: String((await kv()).rows[0].version),
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('лише за погодженим супервізором індивідуальним планом');

    // Submit; the worker cannot approve; the manager returns without a comment → refused, with one → returned.
    const pv = String((await planOf(k.id)).version);
    expect((await worker.post(`/cases/${k.id}/plan/submit`, { version: pv })).status).toBe(303);
    expect((await planOf(k.id)).status).toBe('submitted');
    expect((await manager.get(`/cases/${k.id}`)).text).toContain('Погодити план');
    const byWorker = await worker.post(`/cases/${k.id}/plan/decision`, { decision: 'approve', version: pv });
    expect(byWorker.status).toBe(403);
    expect(byWorker.text).toContain('Погоджувати може лише супервізор випадку або керівник');
    const noComment = await manager.post(`/cases/${k.id}/plan/decision`, { decision: 'return', comment: ' ' });
    expect(
      noComment.status,
      noComment.text
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 3000),
    ).toBe(400);
    expect(noComment.text).toContain('Напишіть коментар');
    expect((await planOf(k.id)).status).toBe('submitted');
    const returned = await manager.post(`/cases/${k.id}/plan/decision`, {
      decision: 'return',
      comment: 'Додайте відповідального за мету',
    });
    expect(returned.status).toBe(303);
    expect(await planOf(k.id)).toMatchObject({ status: 'returned', return_comment: 'Додайте відповідального за мету' });
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('Додайте відповідального за мету');

    // The worker changes it and submits again; the manager approves: the service item becomes an assignment.
    const ids = await itemsOf(k.id);
    const again = await save(
      worker,
      k.id,
      (await planOf(k.id)).version,
      [
        { id: ids[0].id, ...goal('Жити вдома безпечно'), responsibleText: 'донька Олена' },
        { id: ids[1].id, ...serviceItem(providerAgency, addDays(kyivToday(), 180)) },
      ],
      { personWords: 'Хочу лишатися вдома', agreedChannel: 'phone', ...parts('agreedOn', kyivToday()) },
    );
    expect(again.status, again.text.slice(0, 2000)).toBe(303);
    expect((await worker.post(`/cases/${k.id}/plan/submit`, {})).status).toBe(303);
    const approved = await manager.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' });
    expect(approved.status).toBe(303);
    expect((await planOf(k.id)).status).toBe('approved');
    const assignment = (
      await t.owner<{ id: string; agency_id: number; application_id: string | null; plan_item_id: string }>(
        'SELECT id, agency_id, application_id, plan_item_id FROM service_assignments WHERE case_id = $1',
        [k.id],
      )
    ).rows;
    expect(assignment).toHaveLength(1);
    expect(assignment[0]).toMatchObject({ agency_id: providerAgency, application_id: null, plan_item_id: ids[1].id });
    expect(await audited('case.plan.approve', k.id)).toBe(1);
    expect(await audited('case.plan.return', k.id)).toBe(1);
    const events = await t.owner<{ event: string }>('SELECT event FROM case_events WHERE case_id = $1 ORDER BY id', [
      k.id,
    ]);
    expect(events.rows.map((e) => e.event)).toEqual(
      expect.arrayContaining(['cases.plan.event.submitted', 'cases.plan.event.returned', 'cases.plan.event.approved']),
    );

    // Now the case goes active.
    const active = await worker.post(`/cases/${k.id}/transitions`, {
      command: 'activate',
      version: String((await kv()).rows[0].version),
    });
    expect(active.status).toBe(303);

    // The provider of that agency sees the assignment without an application number, and acts on it.
    const provider = await signedIn(t, 'provider');
    const list = await provider.get('/assignments');
    expect(list.text).toContain(`/assignments/${assignment[0].id}`);
    const one = await provider.get(`/assignments/${assignment[0].id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('Індивідуальний план випадку');
    expect(one.text).toContain(k.number);
    const accept = await provider.post(`/assignments/${assignment[0].id}/action`, {
      command: 'accept',
      version: versionOf(one.text),
    });
    expect(accept.status).toBe(303);
    const tokenProvider = await apiTokenFor(t, 'provider');
    const api = await fetch(`${t.baseUrl}/api/v1/assignments/${assignment[0].id}`, {
      headers: { authorization: `Bearer ${tokenProvider}` },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ applicationId: null, caseId: k.id, status: 'accepted' });
    // Another agency's provider does not see it.
    const stranger = await signedIn(t, (await staffUser(t, { role: 'provider', agencyId: otherAgency })).username);
    expect((await stranger.get(`/assignments/${assignment[0].id}`)).status).toBe(404);
    expect((await stranger.get('/assignments')).status).toBe(200);
    expect((await stranger.get('/assignments')).text).not.toContain(assignment[0].id);
  });

  it('a service its provider declined goes to the other provider the plan names, at the next approval; a running one keeps its provider', async () => {
    const k = await newCase();
    const first = await save(worker, k.id, 0, [goal('Догляд удома'), serviceItem(providerAgency)]);
    expect(first.status).toBe(303);
    await worker.post(`/cases/${k.id}/plan/submit`, {});
    expect((await manager.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(303);
    const assignmentOf = async () =>
      (
        await t.owner<{ id: string; agency_id: number; status: string }>(
          'SELECT id, agency_id, status FROM service_assignments WHERE case_id = $1',
          [k.id],
        )
      ).rows;
    const [a] = await assignmentOf();
    expect(a).toMatchObject({ agency_id: providerAgency, status: 'assigned' });
    const ids = await itemsOf(k.id);
    const withOther = () => [
      { id: ids[0].id, ...goal('Догляд удома') },
      { id: ids[1].id, ...serviceItem(otherAgency) },
    ];
    // While the provider has it, the plan cannot move it to another.
    const moved = await save(worker, k.id, (await planOf(k.id)).version, withOther());
    expect(moved.status).toBe(400);
    expect(moved.text).toContain('іншого надавача можна обрати лише після його відмови');
    // The provider declines: the case page says what to do.
    const provider = await signedIn(t, 'provider');
    const one = await provider.get(`/assignments/${a.id}`);
    const declined = await provider.post(`/assignments/${a.id}/action`, {
      command: 'decline',
      reason: 'Немає вільних соціальних робітників',
      version: versionOf(one.text),
    });
    expect(declined.status).toBe(303);
    expect((await worker.get(`/cases/${k.id}`)).text).toContain('Надавач відмовився: оберіть у плані іншого надавача');
    const saved = await save(worker, k.id, (await planOf(k.id)).version, withOther());
    expect(saved.status, saved.text.slice(0, 1500)).toBe(303);
    await worker.post(`/cases/${k.id}/plan/submit`, {});
    expect((await manager.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(303);
    const after = await assignmentOf();
    expect(after).toEqual([{ id: a.id, agency_id: otherAgency, status: 'assigned' }]);
    expect(await audited('assignment.reassign', a.id)).toBe(1);
    const history = await t.owner<{ event: string }>(
      'SELECT event FROM service_assignment_history WHERE assignment_id = $1 ORDER BY id',
      [a.id],
    );
    expect(history.rows.map((h) => h.event)).toEqual(['assign', 'decline', 'reassign']);
    expect((await worker.get(`/cases/${k.id}`)).text).not.toContain('Надавач відмовився');
  });

  it('refuses a deadline before the case opened: 400, nothing saved', async () => {
    const k = await newCase();
    const r = await save(worker, k.id, 0, [goal('Мета', addDays(kyivToday(), -3))]);
    expect(r.status).toBe(400);
    expect(r.text).toContain('Дата не може бути раніше відкриття випадку');
    expect(r.text).toContain('href="#i0-dueOn-day"');
    expect(await planOf(k.id)).toBeUndefined();
    expect(await itemsOf(k.id)).toHaveLength(0);
    const svc = await save(worker, k.id, 0, [{ kind: 'service', agencyId: String(providerAgency) }]);
    expect(svc.status).toBe(400);
    expect(svc.text).toContain('Оберіть послугу з каталогу');
  });

  it('two workers saving at once: the second gets the other’s plan and a message, nothing overwritten', async () => {
    const k = await newCase();
    expect((await save(worker, k.id, 0, [goal('Перша мета')])).status).toBe(303);
    const seen = versionOf((await worker.get(`/cases/${k.id}/plan`)).text);
    const colleague = await signedIn(t, (await staffUser(t, { role: 'worker' })).username);
    await colleague.get(`/cases/${k.id}/plan`);
    expect((await save(colleague, k.id, seen, [goal('Мета колеги')])).status).toBe(303);
    const late = await save(worker, k.id, seen, [goal('Моя мета')]);
    expect(late.status).toBe(409);
    expect(late.text).toContain('План щойно зберіг інший працівник');
    expect(late.text).toContain('Мета колеги');
    expect((await itemsOf(k.id)).map((i) => i.text)).toEqual(['Мета колеги']);
    // The API: a stale version is 409 as well.
    const token = await apiTokenFor(t, 'worker');
    const put = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: Number(seen), items: [{ kind: 'goal', text: 'API' }] }),
    });
    expect(put.status).toBe(409);
    const current = (await planOf(k.id)).version;
    const ok = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current, items: [{ kind: 'goal', text: 'З API', dueOn: kyivToday() }] }),
    });
    expect(ok.status).toBe(200);
    const json = (await ok.json()) as { plan: { version: number; items: { text: string }[] } };
    expect(json.plan.version).toBe(current + 1);
    expect(json.plan.items.map((i) => i.text)).toEqual(['З API']);
    const early = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current + 1, items: [{ kind: 'goal', text: 'x', dueOn: '2000-01-01' }] }),
    });
    expect(early.status).toBe(400);
    const got = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await got.json()) as { plan: { items: unknown[] } }).plan.items).toHaveLength(1);
  });
});

describe('who approves', () => {
  it('a supervisor named on the case’s team approves even as a worker; another worker does not', async () => {
    const k = await newCase();
    const named = await staffUser(t, { role: 'worker' });
    await caseTeamMember(t, {
      hromadaId: await demoHromadaId(t),
      caseId: k.id,
      userId: named.userId,
      role: 'supervisor',
    });
    expect((await save(worker, k.id, 0, [goal('Мета')])).status).toBe(303);
    expect((await worker.post(`/cases/${k.id}/plan/submit`, {})).status).toBe(303);
    const other = await signedIn(t, (await staffUser(t, { role: 'worker' })).username);
    await other.get(`/cases/${k.id}`);
    expect((await other.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(403);
    const supervisor = await signedIn(t, named.username);
    expect((await supervisor.get(`/cases/${k.id}`)).text).toContain('Погодити план');
    expect((await supervisor.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(303);
    expect((await planOf(k.id)).status).toBe('approved');
  });

  it('a supervisor taken off the team no longer approves', async () => {
    const k = await newCase();
    const named = await staffUser(t, { role: 'worker' });
    await caseTeamMember(t, {
      hromadaId: await demoHromadaId(t),
      caseId: k.id,
      userId: named.userId,
      role: 'supervisor',
    });
    await t.owner('UPDATE case_team SET removed_at = now() WHERE case_id = $1 AND user_id = $2', [k.id, named.userId]);
    expect((await save(worker, k.id, 0, [goal('Мета')])).status).toBe(303);
    expect((await worker.post(`/cases/${k.id}/plan/submit`, {})).status).toBe(303);
    const former = await signedIn(t, named.username);
    await former.get('/cases');
    expect((await former.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(403);
    expect((await planOf(k.id)).status).toBe('submitted');
  });
});

describe('the caseServiceTerms listeners', () => {
  it('are told each service term at approval, in its transaction: a failing one leaves nothing approved', async () => {
    const k = await newCase();
    const endsOn = addDays(kyivToday(), 200);
    expect((await save(worker, k.id, 0, [goal('Мета'), serviceItem(providerAgency, endsOn)])).status).toBe(303);
    expect((await worker.post(`/cases/${k.id}/plan/submit`, {})).status).toBe(303);
    const actor = await staffActor(t, { username: 'manager' });
    const failing: CaseServiceTermListener = () => Promise.reject(new Error('listener failed'));
    await expect(
      decidePlan({ services: t.services, actor, id: k.id, decision: 'approve', serviceTerms: [failing] }),
    ).rejects.toThrow('listener failed');
    expect((await planOf(k.id)).status).toBe('submitted');
    expect((await t.owner('SELECT 1 FROM service_assignments WHERE case_id = $1', [k.id])).rowCount).toBe(0);
    const told: { planItemId: string; endsOn: string; caseId: string }[] = [];
    const listener: CaseServiceTermListener = (x) => {
      told.push({ planItemId: x.planItemId, endsOn: x.endsOn, caseId: x.kase.id });
      return Promise.resolve();
    };
    await decidePlan({ services: t.services, actor, id: k.id, decision: 'approve', serviceTerms: [listener] });
    const items = await itemsOf(k.id);
    expect(told).toEqual([{ planItemId: items[1].id, endsOn, caseId: k.id }]);
    expect((await planOf(k.id)).status).toBe('approved');
  });
});

describe('closing a case', () => {
  it('is refused without the supervisor; a request is returned with a comment, then approved', async () => {
    const k = await newCase();
    const v = String(
      (await t.owner<{ version: number }>('SELECT version FROM cases WHERE id = $1', [k.id])).rows[0].version,
    );
    const direct = await worker.post(`/cases/${k.id}/transitions`, {
      command: 'close',
      version: v,
      reason: 'Переїхала',
    });
    expect(direct.status).toBe(409);
    expect(direct.text).toContain('лише після погодження супервізора');
    const token = await apiTokenFor(t, 'worker');
    const api = await fetch(`${t.baseUrl}/api/v1/cases/${k.id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'closed', reason: 'Переїхала' }),
    });
    expect(api.status).toBe(409);
    const noReason = await worker.post(`/cases/${k.id}/closure`, { closeReason: '' });
    expect(noReason.status).toBe(400);
    expect((await worker.post(`/cases/${k.id}/closure`, { closeReason: 'Переїхала до сина' })).status).toBe(303);
    expect((await worker.post(`/cases/${k.id}/closure/decision`, { decision: 'approve' })).status).toBe(403);
    const back = await manager.post(`/cases/${k.id}/closure/decision`, { decision: 'return', closureComment: '' });
    expect(back.status).toBe(400);
    expect(
      (await manager.post(`/cases/${k.id}/closure/decision`, { decision: 'return', closureComment: 'Спершу візит' }))
        .status,
    ).toBe(303);
    const open = await t.owner<{ status: string }>('SELECT status FROM cases WHERE id = $1', [k.id]);
    expect(open.rows[0].status).toBe('open');
    expect((await worker.post(`/cases/${k.id}/closure`, { closeReason: 'Переїхала до сина' })).status).toBe(303);
    expect((await manager.post(`/cases/${k.id}/closure/decision`, { decision: 'approve' })).status).toBe(303);
    const closed = await t.owner<{ status: string; close_reason: string }>(
      'SELECT status, close_reason FROM cases WHERE id = $1',
      [k.id],
    );
    expect(closed.rows[0]).toEqual({ status: 'closed', close_reason: 'Переїхала до сина' });
    expect(await audited('case.closure.request', k.id)).toBe(2);
    expect(await audited('case.closure.return', k.id)).toBe(1);
    expect(await audited('case.closure.approve', k.id)).toBe(1);
    // A closed case's plan is not edited.
    expect((await worker.get(`/cases/${k.id}/plan`)).status).toBe(409);
    const edit = await save(worker, k.id, 0, [goal('Мета')]);
    expect(edit.status).toBe(409);
    expect(edit.text).toContain('Випадок закрито');
    expect(await planOf(k.id)).toBeUndefined();
  });
});

describe('reviews', () => {
  it('shows the next review, overdue standing out, and records a review with its outcome', async () => {
    const k = await newCase();
    expect(
      (await save(worker, k.id, 0, [goal('Мета')], { ...parts('reviewOn', kyivToday()), reviewIntervalDays: '30' }))
        .status,
    ).toBe(303);
    const { reviewsDue } = await import('../../src/modules/cases/plan.queries.js');
    const hromadaId = (await t.owner<{ hromada_id: number }>('SELECT hromada_id FROM cases WHERE id = $1', [k.id]))
      .rows[0].hromada_id;
    const workerId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
    const due = await t.services.db.tx({ hromadaId }, (c) =>
      reviewsDue(c, hromadaId, workerId, addDays(kyivToday(), 1)),
    );
    expect(due.find((d) => d.case_id === k.id)).toMatchObject({ overdue: true });
    expect((await worker.get(`/cases/${k.id}`)).text).not.toContain('прострочено');
    const bad = await worker.post(`/cases/${k.id}/reviews`, { outcome: 'continue', reviewNote: '' });
    expect(bad.status).toBe(400);
    const ok = await worker.post(`/cases/${k.id}/reviews`, { outcome: 'continue', reviewNote: 'Усе за планом' });
    expect(ok.status).toBe(303);
    const page = await worker.get(`/cases/${k.id}`);
    expect(page.text).toContain('Усе за планом');
    expect(page.text).toContain(addDays(kyivToday(), 30).split('-').reverse().join('.'));
    expect(await audited('case.review', k.id)).toBe(1);
  });
});

describe('a case from a granted application', () => {
  it('has the granted service as its first plan item, linked to the application’s assignment (no second one)', async () => {
    const personId = await person(t, { lastName: 'Заявниченко' });
    const appId = await application(t, { personId, serviceId, status: 'granted' });
    const assigned = await manager.post(`/applications/${appId}/provider`, { agencyId: String(providerAgency) });
    expect(assigned.status).toBe(303);
    const r = await worker.post('/cases', { applicationId: appId, typeCode: 'older_disability', priority: 'normal' });
    expect(r.status).toBe(303);
    const id = /\/cases\/([0-9a-f-]{36})/.exec(r.location ?? '')?.[1] ?? '';
    const items = await itemsOf(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'service', service_id: serviceId });
    const page = await worker.get(`/cases/${id}`);
    expect(page.text).toContain('Догляд вдома (тест планів)');
    expect(page.text).toContain('Призначення надавачу');
    // Submit and approve: the application's assignment stays the only one.
    expect((await worker.post(`/cases/${id}/plan/submit`, {})).status).toBe(303);
    expect((await manager.post(`/cases/${id}/plan/decision`, { decision: 'approve' })).status).toBe(303);
    const n = await t.owner('SELECT 1 FROM service_assignments WHERE application_id = $1 OR case_id = $2', [appId, id]);
    expect(n.rowCount).toBe(1);
  });
});

describe('who reaches a plan', () => {
  it('a restricted case outside its team is 404 for the plan pages; roles without cases are refused', async () => {
    const own = await staffUser(t, { role: 'worker' });
    const k = await kase(t, {
      personId: await person(t, { lastName: 'Закритенко' }),
      typeCode: 'violence',
      byUserId: own.userId,
    });
    for (const c of [worker, manager]) {
      expect((await c.get(`/cases/${k.id}/plan`)).status).toBe(404);
      expect((await save(c, k.id, 0, [goal('x')])).status).toBe(404);
      expect((await c.post(`/cases/${k.id}/plan/decision`, { decision: 'approve' })).status).toBe(404);
      expect((await c.post(`/cases/${k.id}/closure`, { closeReason: 'x' })).status).toBe(404);
    }
    const team = await signedIn(t, own.username);
    expect((await team.get(`/cases/${k.id}/plan`)).status).toBe(200);
    const frontdesk = await signedIn(t, 'frontdesk');
    expect((await frontdesk.get(`/cases/${k.id}/plan`)).status).toBe(403);
  });
});
