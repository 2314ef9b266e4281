import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import {
  caseTeamMember,
  demoHromadaId,
  household,
  kase,
  person,
  signedIn,
  staffUser,
  type StaffUser,
} from '../factories/index.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';

/**
 * Issue 11, items 8 and 9: a case manager's workload, a supervisor's caseload, the staff home's counters and
 * the household card's cases — each list with the right items, restricted cases counted but named only to
 * their team, the pages closed to the roles without cases.
 */
let t: TestApp;
let hromadaId: number;
let a: StaffUser;
let b: StaffUser;
let sup: StaffUser;
let asA: HttpClient;
let asSup: HttpClient;
const today = kyivToday();
const k: Record<string, { id: string; number: string }> = {};

/** A plan of a case in a status, with its next review (null: none). */
async function plan(caseId: string, o: { status: 'draft' | 'submitted'; reviewOn: string | null; by: StaffUser }) {
  await t.owner(
    `INSERT INTO case_plans (hromada_id, case_id, status, review_on, submitted_at, submitted_by, updated_by)
     VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'submitted' THEN now() END, CASE WHEN $3 = 'submitted' THEN $5::uuid END, $5)`,
    [hromadaId, caseId, o.status, o.reviewOn, o.by.userId],
  );
}

/** An open task on a case for a member of its team. */
async function task(caseId: string, user: StaffUser, title: string, dueOn: string) {
  await t.owner(
    `INSERT INTO case_tasks (hromada_id, case_id, title, assignee_id, due_on, created_by)
     SELECT $1, $2, $3, id, $5, $4 FROM case_team WHERE case_id = $2 AND user_id = $4 AND removed_at IS NULL`,
    [hromadaId, caseId, title, user.userId, dueOn],
  );
}

/** The rows of a table of the page (by its id), as text. */
const tableText = (html: string, id: string) =>
  new RegExp(`<table class="govuk-table" id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  a = await staffUser(t, { displayName: 'Авраменко Алла' });
  b = await staffUser(t, { displayName: 'Бондар Богдан' });
  sup = await staffUser(t, { role: 'manager', displayName: 'Супервізорка Світлана' });
  const p = async (lastName: string) => person(t, { lastName, firstName: 'Тест' });
  k.a1 = await kase(t, { personId: await p('Першова'), byUserId: a.userId });
  k.a2 = await kase(t, { personId: await p('Другова'), byUserId: a.userId });
  k.a3 = await kase(t, { personId: await p('Прихована'), typeCode: 'violence', byUserId: a.userId });
  k.a4 = await kase(t, { personId: await p('Наглядова'), typeCode: 'child_at_risk', byUserId: a.userId });
  k.b1 = await kase(t, { personId: await p('Чужакова'), byUserId: b.userId });
  await caseTeamMember(t, { hromadaId, caseId: k.a4.id, userId: sup.userId, role: 'supervisor' });
  await plan(k.a1.id, { status: 'submitted', reviewOn: addDays(today, -3), by: a });
  await plan(k.a2.id, { status: 'draft', reviewOn: addDays(today, 3), by: a });
  await plan(k.a3.id, { status: 'submitted', reviewOn: null, by: a });
  await plan(k.a4.id, { status: 'draft', reviewOn: addDays(today, -10), by: a });
  await plan(k.b1.id, { status: 'draft', reviewOn: addDays(today, -5), by: b });
  await t.owner(
    `UPDATE cases SET closure_requested_at = now(), closure_requested_by = $2, closure_request_reason = 'Потреби задоволено'
     WHERE id = $1`,
    [k.b1.id, b.userId],
  );
  await task(k.a2.id, a, 'Зателефонувати до школи', addDays(today, -1));
  await task(k.a1.id, a, 'Підготувати акт', addDays(today, 5));
  await task(k.b1.id, b, 'Чуже завдання', addDays(today, -2));
  await t.owner(
    `INSERT INTO case_referrals (hromada_id, case_id, kind, to_user_id, purpose, sections, shared, basis, law_ground,
       basis_reason, sent_by, sent_label)
     VALUES ($1, $2, 'case', $3, 'Потрібна консультація психолога', '{}', '{}', 'law', 'threat_to_life', 'Загроза', $4, 'Бондар Богдан')`,
    [hromadaId, k.b1.id, a.userId, b.userId],
  );
  asA = await signedIn(t, { username: a.username });
  asSup = await signedIn(t, { username: sup.username });
});
afterAll(async () => {
  await t?.close();
});

describe('a case manager’s workload (/cases/workload)', () => {
  it('shows my cases by status, reviews (overdue first, standing out), my plans waiting, referrals, my tasks', async () => {
    const r = await asA.get('/cases/workload');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.text).toContain('Моє навантаження');
    expect(r.text).toContain('Ви ведете 4 відкриті випадки.');
    expect(r.text).toMatch(/href="\/cases\?status=open" data-status-count>Відкрито: <strong>4<\/strong>/);

    const reviews = tableText(r.text, 'workload-reviews');
    const order = [k.a4.number, k.a1.number, k.a2.number].map((n) => reviews.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(reviews).not.toContain(k.b1.number);
    expect(reviews.match(/tb-overdue/g)?.length).toBe(2);
    expect(reviews).toContain('Прострочено');

    const approvals = tableText(r.text, 'workload-approvals');
    expect(approvals).toContain(k.a1.number);
    expect(approvals).toContain(k.a3.number); // restricted, but the manager is on its team
    expect(approvals).toContain('Прихована Тест');
    expect(approvals).not.toContain(k.b1.number);

    const referrals = tableText(r.text, 'workload-referrals');
    expect(referrals).toContain('Потрібна консультація психолога');
    expect(r.text).toContain('href="/referrals?status=sent"');

    const tasks = tableText(r.text, 'workload-tasks');
    expect(tasks.indexOf('Зателефонувати до школи')).toBeLessThan(tasks.indexOf('Підготувати акт'));
    expect(tasks).not.toContain('Чуже завдання');
    expect(tasks.match(/tb-overdue/g)?.length).toBe(1);
    expect(r.text).toContain('href="/tasks"');

    const audit = await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND actor_id = $2', [
      'case.workload.view',
      a.userId,
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it('another worker sees none of it', async () => {
    const r = await (await signedIn(t, { username: b.username })).get('/cases/workload');
    expect(r.status).toBe(200);
    for (const n of [k.a1.number, k.a2.number, k.a3.number, k.a4.number]) expect(r.text).not.toContain(n);
    expect(tableText(r.text, 'workload-reviews')).toContain(k.b1.number);
    expect(r.text).not.toContain('Зателефонувати до школи');
    expect(r.text).toContain('id="workload-referrals-empty"');
  });
});

describe('a supervisor’s caseload (/cases/caseload)', () => {
  it('counts each worker’s open cases by status (restricted included), heaviest first, with overdue reviews', async () => {
    const r = await asSup.get('/cases/caseload');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const workers = tableText(r.text, 'caseload-workers');
    const rowOf = (name: string) =>
      new RegExp(`<th scope="row"[^>]*>${name}</th>([\\s\\S]*?)</tr>`).exec(workers)?.[1] ?? '';
    const cells = (name: string) => [...rowOf(name).matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
    // open, assessment, plan, active, review, total, overdue reviews
    expect(cells('Авраменко Алла')).toEqual([4, 0, 0, 0, 0, 4, 2]);
    expect(cells('Бондар Богдан')).toEqual([1, 0, 0, 0, 0, 1, 1]);
    expect(workers.indexOf('Авраменко Алла')).toBeLessThan(workers.indexOf('Бондар Богдан'));
  });

  it('lists approvals oldest first and overdue reviews, naming a restricted case only when on its team', async () => {
    const r = await asSup.get('/cases/caseload');
    const approvals = tableText(r.text, 'caseload-approvals');
    expect(approvals).toContain(k.a1.number);
    expect(approvals).toContain('Погодження плану');
    expect(approvals).toContain(k.b1.number);
    expect(approvals).toContain('Погодження закриття');
    expect(approvals.indexOf(k.a1.number)).toBeLessThan(approvals.indexOf(k.b1.number));
    // The restricted case off the supervisor's team: counted, never named.
    expect(r.text).not.toContain(k.a3.number);
    expect(r.text).not.toContain('Прихована');
    expect(r.text).toMatch(/id="caseload-approvals-more">[^<]*З них 1 —/);
    const overdue = tableText(r.text, 'caseload-overdue');
    expect(overdue).toContain(k.a1.number);
    expect(overdue).toContain(k.b1.number);
    expect(overdue).toContain(k.a4.number); // restricted, the supervisor is named on it
    expect(overdue).not.toContain(k.a2.number); // due, not overdue
    expect(
      (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND actor_id = $2', ['case.caseload.view', sup.userId]))
        .rowCount,
    ).toBeGreaterThan(0);
  });

  it('with more approvals waiting than the page lists: the oldest visible ones, hidden ones skipped and counted', async () => {
    // Three restricted cases off the supervisor's team wait longest; then 22 ordinary ones.
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const waiting: { number: string; at: string }[] = [];
    for (let n = 0; n < 25; n++) {
      const restricted = n < 3;
      const c = await kase(t, {
        personId: await person(t, { lastName: `Чергова${n}`, firstName: 'Тест' }),
        typeCode: restricted ? 'violence' : 'other',
        byUserId: b.userId,
      });
      await plan(c.id, { status: 'submitted', reviewOn: null, by: b });
      await t.owner('UPDATE case_plans SET submitted_at = $2 WHERE case_id = $1', [c.id, at(10_000 - n)]);
      if (!restricted) waiting.push({ number: c.number, at: at(10_000 - n) });
    }
    const r = await asSup.get('/cases/caseload');
    const approvals = tableText(r.text, 'caseload-approvals');
    const listed = [...approvals.matchAll(/В-\d{4}-\d{6}/g)].map((m) => m[0]);
    expect(listed).toHaveLength(20);
    expect(listed).toEqual(waiting.slice(0, 20).map((w) => w.number));
    // Restricted ones are counted as hidden: the earlier one (k.a3) and these three.
    expect(r.text).toMatch(/id="caseload-approvals-more">[^<]*З них 4 —/);
  });

  it('is refused to a worker (403) and to roles without cases; the workload too', async () => {
    expect((await asA.get('/cases/caseload')).status).toBe(403);
    for (const who of ['frontdesk', 'provider', 'admin']) {
      const c = await signedIn(t, who);
      expect((await c.get('/cases/caseload')).status, who).toBe(403);
      expect((await c.get('/cases/workload')).status, who).toBe(403);
    }
  });
});

describe('the staff home', () => {
  const counter = (html: string, key: string) =>
    new RegExp(`href="([^"]+)" data-counter="${key}"><span class="tb-counter__n">(\\d+)</span>`).exec(html);

  it('counts my overdue reviews and, for a supervisor, the approvals waiting; links the pages', async () => {
    const home = (await asA.get('/staff')).text;
    expect(counter(home, 'reviewsOverdue')?.slice(1)).toEqual(['/cases/workload#reviews', '2']);
    expect(counter(home, 'approvalsWaiting')).toBeNull();
    expect(home).toContain('href="/cases/workload"');
    expect(home).not.toContain('href="/cases/caseload"');
    const waiting = (
      await t.owner<{ n: number }>(
        `SELECT ((SELECT count(*) FROM case_plans WHERE hromada_id = $1 AND status = 'submitted')
           + (SELECT count(*) FROM cases WHERE hromada_id = $1 AND closure_requested_at IS NOT NULL
                AND status <> 'closed'))::int AS n`,
        [hromadaId],
      )
    ).rows[0].n;
    expect(waiting).toBeGreaterThanOrEqual(3);
    const supHome = (await asSup.get('/staff')).text;
    expect(counter(supHome, 'approvalsWaiting')?.slice(1)).toEqual(['/cases/caseload#approvals', String(waiting)]);
    expect(supHome).toContain('href="/cases/caseload"');
  });
});

describe('the household card lists the household’s cases', () => {
  it('within the viewer’s permissions: a restricted one only for its team', async () => {
    const head = await person(t, { lastName: 'Родинна', firstName: 'Ірина' });
    const hh = await household(t, { headPersonId: head });
    const open = await kase(t, { householdId: hh, typeCode: 'family_sjo', byUserId: a.userId });
    const hidden = await kase(t, { householdId: hh, typeCode: 'child_at_risk', byUserId: a.userId });
    const mine = await asA.get(`/households/${hh}`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(open.number);
    expect(mine.text).toContain(hidden.number);
    expect(mine.text).toContain(`/cases/new?householdId=${hh}`);
    const other = await (await signedIn(t, { username: b.username })).get(`/households/${hh}`);
    expect(other.text).toContain(open.number);
    expect(other.text).not.toContain(hidden.number);
    expect(
      (await t.owner('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', ['household.cases.view', hh]))
        .rowCount,
    ).toBe(2);
    // A role without cases sees the household, not its cases.
    const desk = await (await signedIn(t, 'frontdesk')).get(`/households/${hh}`);
    expect(desk.status).toBe(200);
    expect(desk.text).not.toContain(open.number);
    expect(desk.text).not.toContain('id="cases"');
  });
});
