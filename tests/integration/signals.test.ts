import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { newHromada, person, signal, signedIn, staffUser } from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { kyivDateTime } from '../../src/modules/signals/signal-rules.js';

let t: TestApp;
let children: HttpClient;

const idOf = (location: string | null, what = 'signals') =>
  new RegExp(`/${what}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ?? '';
const audited = async (action: string, entityId: string) =>
  (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [action, entityId])).rowCount ?? 0;
const count = async () => (await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM signals')).rows[0].n;
const statusOf = async (id: string) =>
  (await t.owner<{ status: string; outcome: string | null }>('SELECT status, outcome FROM signals WHERE id = $1', [id]))
    .rows[0];
/** The date boxes of a form field from an ISO date. */
const parts = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};
/** A posted new-signal form received `hoursAgo` hours ago (Kyiv time). */
const form = (o: Record<string, string> = {}, hoursAgo = 1) => {
  const at = kyivDateTime(new Date(Date.now() - hoursAgo * 3_600_000));
  return {
    source: 'school',
    subjectName: 'Петренко Марійка',
    subjectAge: '9',
    subjectChild: 'yes',
    place: 'с. Тестове, вул. Шкільна, 1',
    observed: 'Дитина приходить до школи з синцями',
    urgency: 'urgent',
    ...parts('receivedAt', at.date),
    receivedTime: at.time,
    ...o,
  };
};

beforeAll(async () => {
  t = await startTestApp();
  children = await signedIn(t, 'children');
});
afterAll(async () => {
  await t?.close();
});

describe('registering a signal', () => {
  it('the children’s service registers an urgent signal: numbered, the 24-hour clock running, audited', async () => {
    const page = await children.get('/signals/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Повідомити сигнал');
    const r = await children.post(
      '/signals',
      form({ reporterName: 'Вчителька Оксана', reporterContact: '0501234567' }),
    );
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    const id = idOf(r.location);
    const s = await children.get(`/signals/${id}?done=registered`);
    expect(s.status).toBe(200);
    expect(s.text).toMatch(/Сигнал С-\d{4}-\d{6}/);
    expect(s.text).toContain('Петренко Марійка (дитина, 9 р.)');
    expect(s.text).toMatch(/Залишилося 2[23] год \d+ хв/);
    expect(s.text).toContain('Вчителька Оксана, 0501234567');
    expect(s.text).toContain('Сигнал зареєстровано, терміновість: Невідкладно');
    const row = (
      await t.owner<{ hours: string }>(
        'SELECT extract(epoch FROM triage_due_at - received_at) / 3600 AS hours FROM signals WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(Number(row.hours)).toBe(24);
    expect(await audited('signal.register', id)).toBe(1);
    expect(await audited('signal.view', id)).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad input and saves nothing: nothing observed, an unknown urgency, a future time, no one named', async () => {
    const before = await count();
    const empty = await children.post('/signals', form({ observed: '  ' }));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Опишіть, що помічено');
    const urgency = await children.post('/signals', form({ urgency: 'whenever' }));
    expect(urgency.status).toBe(400);
    expect(urgency.text).toContain('Оберіть терміновість');
    const future = await children.post('/signals', form({}, -3));
    expect(future.status).toBe(400);
    expect(future.text).toContain('Час отримання не може бути в майбутньому');
    expect(future.text).toContain('href="#receivedAt-day"');
    const nobody = await children.post('/signals', form({ subjectName: '' }));
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('Оберіть особу з реєстру або вкажіть ім’я');
    const anonymous = await children.post('/signals', form({ anonymous: 'yes', reporterName: 'Іван' }));
    expect(anonymous.status).toBe(400);
    const badDate = await children.post('/signals', form({ 'receivedAt-month': '13' }));
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('Вкажіть дату отримання');
    expect(await count()).toBe(before);
  });

  it('about a registry person found by the search on the form; the front office registers but cannot read signals', async () => {
    const personId = await person(t, { lastName: 'Сигналенко', firstName: 'Тарас', birthDate: '2015-04-01' });
    const frontdesk = await signedIn(t, 'frontdesk');
    const search = await frontdesk.get('/signals/new?q=Сигналенко Тарас');
    expect(search.status).toBe(200);
    expect(search.text).toContain(`/signals/new?personId=${personId}`);
    const chosen = await frontdesk.get(`/signals/new?personId=${personId}`);
    expect(chosen.text).toContain('Сигналенко Тарас');
    const r = await frontdesk.post('/signals', form({ personId, subjectName: '', urgency: 'high' }));
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    expect(r.location).toMatch(/^\/signals\/new\?registered=/);
    const done = await frontdesk.get(r.location ?? '');
    expect(done.text).toMatch(/Сигнал С-\d{4}-\d{6} зареєстровано/);
    const row = (
      await t.owner<{ id: string; person_id: string; subject_name: string | null }>(
        'SELECT id, person_id, subject_name FROM signals WHERE person_id = $1',
        [personId],
      )
    ).rows[0];
    expect(row.subject_name).toBeNull();
    expect((await frontdesk.get('/signals')).status).toBe(403);
    expect((await frontdesk.get(`/signals/${row.id}`)).status).toBe(403);
    expect((await children.get(`/signals/${row.id}`)).text).toContain(`/persons/${personId}`);
    // The person card: the signals for those who read them, only «report a signal» for the front office.
    const number = (await t.owner<{ number: string }>('SELECT number FROM signals WHERE id = $1', [row.id])).rows[0]
      .number;
    const card = await children.get(`/persons/${personId}`);
    expect(card.text).toContain(`href="/signals/${row.id}">${number}</a>`);
    expect(card.text).toContain(`/signals/new?personId=${personId}`);
    const desk = await frontdesk.get(`/persons/${personId}`);
    expect(desk.text).not.toContain(number);
    expect(desk.text).toContain(`/signals/new?personId=${personId}`);
    const home = await frontdesk.get('/staff');
    expect(home.text).toContain('href="/signals/new"');
    expect(home.text).not.toContain('data-counter="signalsOpen"');
  });
});

describe('the clock and the list', () => {
  it('puts overdue signals first with a tag, then open ones by deadline, closed ones last; filters; the staff home counts', async () => {
    const normal = await signal(t, { subjectName: 'Черга Звичайна', urgency: 'normal', hoursAgo: 1 });
    const late = await signal(t, { subjectName: 'Черга Прострочена', urgency: 'urgent', hoursAgo: 30 });
    const high = await signal(t, { subjectName: 'Черга Висока', urgency: 'high', hoursAgo: 1 });
    const closed = await signal(t, { subjectName: 'Черга Закрита', urgency: 'urgent', hoursAgo: 50 });
    const dismissed = await children.post(`/signals/${closed.id}/dismiss`, {
      noActionReason: 'Повідомлення не підтвердилося',
      confirm: 'yes',
    });
    expect(dismissed.status).toBe(303);
    const list = await children.get('/signals');
    expect(list.status).toBe(200);
    const at = (n: string) => list.text.indexOf(`data-signal="${n}"`);
    expect(at(late.number)).toBeGreaterThan(-1);
    expect(at(late.number)).toBeLessThan(at(high.number));
    expect(at(high.number)).toBeLessThan(at(normal.number));
    expect(at(normal.number)).toBeLessThan(at(closed.number));
    const lateRow = list.text.slice(at(late.number), list.text.indexOf('</tr>', at(late.number)));
    expect(lateRow).toContain('govuk-tag--red">Прострочено');
    expect(lateRow).toMatch(/Прострочено на [56] год \d+ хв/);
    const highRow = list.text.slice(at(high.number), list.text.indexOf('</tr>', at(high.number)));
    expect(highRow).toMatch(/Залишилося 2 д 2[23] год/);
    expect(highRow).not.toContain('Прострочено');

    const overdue = await children.get('/signals?due=overdue');
    expect(overdue.text).toContain(late.number);
    expect(overdue.text).not.toContain(high.number);
    expect(overdue.text).not.toContain(closed.number);
    const urgentClosed = await children.get('/signals?status=closed&urgency=urgent');
    expect(urgentClosed.text).toContain(closed.number);
    expect(urgentClosed.text).not.toContain(late.number);
    expect((await children.get('/signals?status=nonsense&page=abc')).status).toBe(200);

    const n = (
      await t.owner<{ open: number; overdue: number }>(
        `SELECT count(*) FILTER (WHERE status <> 'closed')::int AS open,
           count(*) FILTER (WHERE status <> 'closed' AND triage_due_at < now())::int AS overdue FROM signals`,
      )
    ).rows[0];
    const home = await children.get('/staff');
    expect(home.text).toContain('href="/signals"');
    expect(home.text).toContain(
      `href="/signals?due=overdue" data-counter="signalsOverdue"><span class="tb-counter__n">${n.overdue}</span>`,
    );
    expect(home.text).toContain(`data-counter="signalsOpen"><span class="tb-counter__n">${n.open}</span>`);
  });

  it('takes the hromada’s own triage hours, set by a manager for signals registered from then on', async () => {
    const worker = await signedIn(t, 'worker');
    expect((await worker.get('/signals/settings')).status).toBe(403);
    const manager = await signedIn(t, 'manager');
    const page = await manager.get('/signals/settings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="24"');
    expect(page.text).toContain('value="168"');
    const bad = await manager.post('/signals/settings', { urgentHours: '0', highHours: 'many', normalHours: '120' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Вкажіть кількість годин від 1 до 2160');
    const before = await signal(t, { urgency: 'urgent', hoursAgo: 1 });
    const saved = await manager.post('/signals/settings', { urgentHours: '6', highHours: '48', normalHours: '120' });
    expect(saved.status).toBe(303);
    try {
      const s = await signal(t, {
        urgency: 'urgent',
        receivedAt: new Date('2026-01-10T10:00:00Z'),
        now: new Date('2026-01-10T12:00:00Z'),
      });
      expect(s.triageDueAt.toISOString()).toBe('2026-01-10T16:00:00.000Z');
      const kept = await t.owner<{ due: Date }>('SELECT triage_due_at AS due FROM signals WHERE id = $1', [before.id]);
      expect(kept.rows[0].due.getTime()).toBe(before.triageDueAt.getTime());
      expect((await t.owner("SELECT 1 FROM audit_log WHERE action = 'signal.settings'")).rowCount).toBe(1);
    } finally {
      await manager.post('/signals/settings', { urgentHours: '24', highHours: '72', normalHours: '168' });
    }
  });
});

describe('outcomes', () => {
  it('a mobile brigade visit is recorded (in triage), then the signal is passed to an agency and closed for changes', async () => {
    const s = await signal(t, { subjectName: 'Бригада Перевірка', hoursAgo: 5 });
    expect((await children.post(`/signals/${s.id}/triage`)).status).toBe(303);
    expect((await statusOf(s.id)).status).toBe('in_triage');
    const future = await children.post(`/signals/${s.id}/visits`, {
      ...parts('visitedOn', addDays(kyivToday(), 1)),
      members: 'Коваль О.',
      findings: 'x',
    });
    expect(future.status).toBe(400);
    expect(future.text).toContain('Дата виїзду не може бути в майбутньому');
    const empty = await children.post(`/signals/${s.id}/visits`, {
      ...parts('visitedOn', kyivToday()),
      members: '',
      findings: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Вкажіть, хто виїжджав');
    const visit = await children.post(`/signals/${s.id}/visits`, {
      ...parts('visitedOn', kyivToday()),
      members: 'Коваль О. (ССД), Мельник І. (поліція)',
      findings: 'Умови задовільні, батьки співпрацюють',
    });
    expect(visit.status).toBe(303);
    const page = await children.get(`/signals/${s.id}`);
    expect(page.text).toContain('Умови задовільні, батьки співпрацюють');
    expect(page.text).toContain('Записано виїзд мобільної бригади');
    expect(await audited('signal.visit', s.id)).toBe(1);

    const agency = (
      await t.owner<{ id: number; name: string }>("SELECT id, name FROM agencies WHERE name = 'Центр соціальних служб'")
    ).rows[0];
    const noReason = await children.post(`/signals/${s.id}/pass`, { agencyId: String(agency.id), agencyReason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Вкажіть причину');
    const foreign = await newHromada(t);
    const theirAgency = (
      await t.owner<{ id: number }>("INSERT INTO agencies (hromada_id, name) VALUES ($1, 'Чужа служба') RETURNING id", [
        foreign.id,
      ])
    ).rows[0].id;
    const other = await children.post(`/signals/${s.id}/pass`, { agencyId: String(theirAgency), agencyReason: 'x' });
    expect(other.status).toBe(400);
    expect(other.text).toContain('Оберіть установу громади');
    expect((await statusOf(s.id)).status).toBe('in_triage');
    const passed = await children.post(`/signals/${s.id}/pass`, {
      agencyId: String(agency.id),
      agencyReason: 'Потрібен соціальний супровід сім’ї',
    });
    expect(passed.status).toBe(303);
    expect(await statusOf(s.id)).toEqual({ status: 'closed', outcome: 'agency' });
    const closed = await children.get(`/signals/${s.id}`);
    expect(closed.text).toContain('Передано іншій установі: Центр соціальних служб');
    expect(closed.text).not.toContain('Записати виїзд');
    expect(await audited('signal.pass', s.id)).toBe(1);

    // A closed signal refuses every change.
    for (const [path, body] of [
      [`/signals/${s.id}/triage`, {}],
      [`/signals/${s.id}/visits`, { ...parts('visitedOn', kyivToday()), members: 'x', findings: 'y' }],
      [`/signals/${s.id}/dismiss`, { noActionReason: 'x', confirm: 'yes' }],
      [`/signals/${s.id}/pass`, { agencyId: String(agency.id), agencyReason: 'x' }],
    ] as const) {
      const r = await children.post(path, body);
      expect(r.status, path).toBe(409);
      expect(r.text).toContain('Сигнал закрито');
    }
    const history = await t.owner<{ event: string }>(
      'SELECT event FROM signal_events WHERE signal_id = $1 ORDER BY id',
      [s.id],
    );
    expect(history.rows.map((r) => r.event)).toEqual(['registered', 'triage', 'visit', 'agency']);
  });

  it('no action needs a reason and a confirmation', async () => {
    const s = await signal(t, { subjectName: 'Без Заходів' });
    const unconfirmed = await children.post(`/signals/${s.id}/dismiss`, { noActionReason: 'Хибний виклик' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Підтвердьте, що сигнал закривається без заходів');
    const noReason = await children.post(`/signals/${s.id}/dismiss`, { noActionReason: ' ', confirm: 'yes' });
    expect(noReason.status).toBe(400);
    expect((await statusOf(s.id)).status).toBe('new');
    const ok = await children.post(`/signals/${s.id}/dismiss`, { noActionReason: 'Хибний виклик', confirm: 'yes' });
    expect(ok.status).toBe(303);
    expect(await statusOf(s.id)).toEqual({ status: 'closed', outcome: 'no_action' });
    expect((await children.get(`/signals/${s.id}`)).text).toContain('«Хибний виклик»');
    expect(await audited('signal.dismiss', s.id)).toBe(1);
  });

  it('opens a restricted case from the signal: linked both ways, the signal closed, the case only for its team', async () => {
    const s = await signal(t, { subjectName: 'Невідома дитина', urgency: 'urgent', hoursAgo: 2 });
    const childId = await person(t, { lastName: 'Ризикова', firstName: 'Олеся', birthDate: '2016-02-02' });
    const page = await children.get(`/signals/${s.id}?q=Ризикова Олеся`);
    expect(page.text).toContain(`value="${childId}"`);
    const noPerson = await children.post(`/signals/${s.id}/case`, {
      personId: '',
      typeCode: 'child_at_risk',
      priority: 'urgent',
    });
    expect(noPerson.status).toBe(400);
    expect(noPerson.text).toContain('Оберіть особу, для якої відкривається випадок');
    const badType = await children.post(`/signals/${s.id}/case`, {
      personId: childId,
      typeCode: 'nonsense',
      priority: 'urgent',
    });
    expect(badType.status).toBe(400);
    expect((await t.owner('SELECT 1 FROM cases WHERE signal_id = $1', [s.id])).rowCount).toBe(0);
    const r = await children.post(`/signals/${s.id}/case`, {
      personId: childId,
      typeCode: 'child_at_risk',
      priority: 'urgent',
      note: 'Сигнал підтвердився',
    });
    expect(r.status, r.text.slice(0, 800)).toBe(303);
    const caseId = idOf(r.location, 'cases');
    // A restricted case opens on a reason given.
    expect((await children.get(`/cases/${caseId}?done=opened`)).text).toContain('причина перегляду');
    await children.post(`/cases/${caseId}/access`, { reason: 'Розгляд сигналу' });
    const k = await children.get(`/cases/${caseId}?done=opened`);
    expect(k.status).toBe(200);
    expect(k.text).toContain(`Відкрито за сигналом`);
    expect(k.text).toContain(`href="/signals/${s.id}">${s.number}</a>`);
    expect(k.text).toContain(`Випадок відкрито за сигналом ${s.number}`);
    expect(k.text).toContain('Випадок з обмеженим доступом');
    const sp = await children.get(`/signals/${s.id}`);
    expect(sp.text).toContain('Відкрито випадок');
    expect(sp.text).toContain(`href="/cases/${caseId}"`);
    expect(await statusOf(s.id)).toEqual({ status: 'closed', outcome: 'case' });
    expect(await audited('signal.openCase', s.id)).toBe(1);
    expect(await audited('case.open', caseId)).toBe(1);
    // Another worker reads the signal but is not on the case's team: the case is not named to them.
    const worker = await signedIn(t, 'worker');
    const theirs = await worker.get(`/signals/${s.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain(caseId);
    expect((await worker.get(`/cases/${caseId}`)).status).toBe(404);
    // A second case from the same signal is refused.
    const again = await children.post(`/signals/${s.id}/case`, {
      personId: childId,
      typeCode: 'other',
      priority: 'normal',
    });
    expect(again.status).toBe(409);
    expect((await t.owner('SELECT 1 FROM cases WHERE signal_id = $1', [s.id])).rowCount).toBe(1);
  });
});

describe('who may', () => {
  it('roles without signals are refused; another hromada’s signal is not found', async () => {
    const s = await signal(t, { subjectName: 'Доступ Перевірка' });
    for (const who of ['provider', 'admin']) {
      const c = await signedIn(t, who);
      expect((await c.get('/signals')).status, who).toBe(403);
      expect((await c.get(`/signals/${s.id}`)).status, who).toBe(403);
      expect((await c.get('/signals/new')).status, who).toBe(403);
      expect((await c.post('/signals', form())).status, who).toBe(403);
      expect((await c.post(`/signals/${s.id}/dismiss`, { noActionReason: 'x', confirm: 'yes' })).status, who).toBe(403);
    }
    const frontdesk = await signedIn(t, 'frontdesk');
    expect((await frontdesk.post(`/signals/${s.id}/triage`)).status).toBe(403);
    const other = await newHromada(t);
    const stranger = await staffUser(t, { role: 'children', hromadaId: other.id });
    const c = await signedIn(t, stranger.username, { hromadaCode: other.code });
    expect((await c.get(`/signals/${s.id}`)).status).toBe(404);
    expect((await c.post(`/signals/${s.id}/triage`)).status).toBe(404);
    expect((await c.get('/signals')).text).not.toContain(s.number);
    expect((await children.get('/signals/not-a-uuid')).status).toBe(404);
    expect((await statusOf(s.id)).status).toBe('new');
  });
});

describe('/api/v1/signals and a case from a signal through the API', () => {
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const body = (o: Record<string, unknown> = {}) => ({
    source: 'hotline',
    subjectName: 'Апі Дитина',
    subjectChild: true,
    observed: 'Дзвінок на гарячу лінію: дитина сама вдома третю добу',
    urgency: 'urgent',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    anonymous: true,
    ...o,
  });

  it('registers (201 with the deadline), reads, and refuses bad input with nothing saved', async () => {
    const token = await apiTokenFor(t, 'children');
    const before = await count();
    for (const bad of [
      body({ observed: '' }),
      body({ urgency: 'asap' }),
      body({ receivedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
      body({ subjectName: undefined }),
    ]) {
      expect((await call(token, 'POST', '/signals', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await count()).toBe(before);
    const created = await call(token, 'POST', '/signals', body());
    expect(created.status).toBe(201);
    expect(created.json.number).toMatch(/^С-\d{4}-\d{6}$/);
    const id = created.json.id as string;
    const due = new Date(created.json.triageDueAt as string).getTime();
    expect(Math.abs(due - (Date.now() + 23 * 3_600_000))).toBeLessThan(120_000);
    const got = await call(token, 'GET', `/signals/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      status: 'new',
      urgency: 'urgent',
      anonymous: true,
      reporter: null,
      overdue: false,
    });
    expect(await audited('api.signals.create', id)).toBeGreaterThanOrEqual(1);
    expect(await audited('api.signals.get', id)).toBeGreaterThanOrEqual(1);
    const provider = await apiTokenFor(t, 'provider');
    expect((await call(provider, 'GET', `/signals/${id}`)).status).toBe(403);
    expect((await call(provider, 'POST', '/signals', body())).status).toBe(403);
    expect((await call(token, 'GET', `/signals/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('POST /api/v1/cases with signalId opens the case and closes the signal; a second time is refused', async () => {
    const token = await apiTokenFor(t, 'children');
    const s = await signal(t, { subjectName: 'Апі Випадок' });
    const personId = await person(t, { lastName: 'Апісигнальна' });
    const unknown = await call(token, 'POST', '/cases', {
      personId,
      type: 'child_at_risk',
      signalId: crypto.randomUUID(),
    });
    expect(unknown.status).toBe(404);
    const created = await call(token, 'POST', '/cases', { personId, type: 'child_at_risk', signalId: s.id });
    expect(created.status).toBe(201);
    const caseId = created.json.id as string;
    expect((await call(token, 'GET', `/cases/${caseId}`)).json).toMatchObject({ signalId: s.id, restricted: true });
    expect((await call(token, 'GET', `/signals/${s.id}`)).json).toMatchObject({
      status: 'closed',
      outcome: 'case',
      caseId,
    });
    const again = await call(token, 'POST', '/cases', { personId, type: 'other', signalId: s.id });
    expect(again.status).toBe(409);
    const worker = await apiTokenFor(t, 'worker');
    expect((await call(worker, 'GET', `/signals/${s.id}`)).json).toMatchObject({ caseId: null });
  });
});
