import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { seedDemoRegistry } from '../../db/seed/demo-registry.js';
import { kyivToday } from '../../src/platform/dates.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemoRegistry(t.services);
});
afterAll(async () => {
  await t?.close();
});

/** The counters of a staff home page: key → [number, link]. */
async function countersOf(username: string): Promise<Record<string, [number, string]>> {
  const c = t.client();
  await signInAs(t, c, { username });
  const page = await c.get('/staff');
  expect(page.status).toBe(200);
  const out: Record<string, [number, string]> = {};
  for (const m of page.text.matchAll(
    /href="([^"]+)" data-counter="(\w+)"><span class="tb-counter__n">(\d+)<\/span>/g,
  )) {
    out[m[2]] = [Number(m[3]), m[1].replace(/&amp;/g, '&')];
  }
  return out;
}

describe('the staff home shows what waits for each role, with links', () => {
  it('worker: new, overdue, assigned to me, unread messages — within the hromada', async () => {
    const registered = (
      await t.owner<{ n: number }>("SELECT count(*)::int AS n FROM applications WHERE status = 'registered'")
    ).rows[0].n;
    // One application is past its deadline, one is the worker's, one has a resident's unread message.
    const inReview = (
      await t.owner<{ id: string; hromada_id: number }>(
        "SELECT id, hromada_id FROM applications WHERE status = 'in_review'",
      )
    ).rows[0];
    await t.owner('UPDATE applications SET deadline = current_date - 3 WHERE id = $1', [inReview.id]);
    await t.owner(
      "UPDATE applications SET assignee_id = (SELECT id FROM users WHERE username = 'worker') WHERE id = $1",
      [inReview.id],
    );
    await t.owner(
      `INSERT INTO application_messages (hromada_id, application_id, author_kind, author_id, body, idempotency_key)
      VALUES ($1, $2, 'resident', (SELECT id FROM users WHERE email = 'resident@example.com'), 'Коли буде рішення?', gen_random_uuid())`,
      [inReview.hromada_id, inReview.id],
    );
    const k = await countersOf('worker');
    expect(k.new).toEqual([registered, '/applications?status=registered']);
    expect(k.overdue).toEqual([1, '/applications?due=overdue']);
    expect(k.mine).toEqual([1, '/applications?assignee=me']);
    expect(k.unread?.[1]).toBe('/applications/messages');
    const unread = (
      await t.owner<{ n: number }>(
        'SELECT count(DISTINCT application_id)::int AS n FROM application_messages WHERE read_by_staff_at IS NULL',
      )
    ).rows[0].n;
    expect(unread).toBeGreaterThan(0);
    expect(k.unread[0]).toBe(unread);
    // Contracts with recipients whose re-assessment (art. 22) is due: none in the demo data (contracts.test.ts counts them).
    expect(k.contractsReassessment).toEqual([0, '/contracts/overview']);
  });

  it('starosta: only its district; frontdesk has no «assigned to me»', async () => {
    const district = (
      await t.owner<{ n: number }>(
        `SELECT count(*)::int AS n FROM applications a, grants g JOIN users u ON u.id = g.user_id
       WHERE u.username = 'starosta' AND a.district_id = g.district_id AND a.status = 'registered'`,
      )
    ).rows[0].n;
    const all = (
      await t.owner<{ n: number }>("SELECT count(*)::int AS n FROM applications WHERE status = 'registered'")
    ).rows[0].n;
    expect(district).toBeGreaterThan(0);
    expect(district).toBeLessThan(all);
    expect((await countersOf('starosta')).new[0]).toBe(district);
    expect((await countersOf('frontdesk')).mine).toBeUndefined();
  });

  it('provider: its agency’s new and running assignments; admin and children see no application counters', async () => {
    const k = await countersOf('provider');
    expect(k.assignmentsNew).toEqual([1, '/assignments?status=assigned']);
    // The demo resident's home care, started 60 days ago, is running.
    expect(k.assignmentsRunning[0]).toBe(1);
    expect(k.new).toBeUndefined();
    // A provider reads its agency's contracts but does not make them: no re-assessment counter.
    expect(k.contractsReassessment).toBeUndefined();
    expect(await countersOf('admin')).toEqual({});
    // The children's service has no application counters; since issue 11 it counts the open cases it manages
    // and the open tasks of case teams it is on, the referrals waiting for its answer, the signals to triage and
    // the overdue plan reviews of its cases (no approvals: it does not supervise), and the placed children whose
    // visit or review is overdue.
    const cases = (
      await t.owner<{ n: number }>(
        "SELECT count(*)::int AS n FROM cases k JOIN users u ON u.id = k.manager_id WHERE u.username = 'children' AND k.status <> 'closed'",
      )
    ).rows[0].n;
    const tasks = (
      await t.owner<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_tasks k JOIN case_team m ON m.id = k.assignee_id JOIN users u ON u.id = m.user_id
         WHERE u.username = 'children' AND k.done_on IS NULL AND m.removed_at IS NULL`,
      )
    ).rows[0].n;
    const referrals = (
      await t.owner<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_referrals r JOIN users u ON u.id = r.to_user_id
         WHERE u.username = 'children' AND r.status = 'sent'`,
      )
    ).rows[0].n;
    const signals = (
      await t.owner<{ open: number; overdue: number }>(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE triage_due_at < now())::int AS overdue
         FROM signals WHERE status <> 'closed'`,
      )
    ).rows[0];
    const reviewsOverdue = (
      await t.owner<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_plans pl JOIN cases k ON k.id = pl.case_id JOIN users u ON u.id = k.manager_id
         WHERE u.username = 'children' AND k.status <> 'closed' AND pl.review_on < $1::date`,
        [kyivToday()],
      )
    ).rows[0].n;
    expect(await countersOf('children')).toEqual({
      myCases: [cases, '/cases'],
      signalsOpen: [signals.open, '/signals?status=new'],
      signalsOverdue: [signals.overdue, '/signals?due=overdue'],
      myTasks: [tasks, '/tasks'],
      reviewsOverdue: [reviewsOverdue, '/cases/workload#reviews'],
      referralsIn: [referrals, '/referrals?status=sent'],
      // Placements in family forms of care with a visit, review or term overdue (none in this test's data).
      careOverdue: [0, '/family-care?due=overdue'],
    });
  });
});
