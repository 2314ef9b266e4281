import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { can, type Actor } from '../../platform/policy.js';
import { queueReach } from '../applications/applications.policy.js';
import { listReach } from '../assignments/assignments.policy.js';
import { kyivToday } from '../applications/working-days.js';

/** One counter of the staff home: what it counts, how many, and the list that shows them. */
export interface Counter { key: string; count: number; href: string }

/** Statuses in which the decision clock runs. */
const RUNNING = ['submitted', 'registered', 'in_review'];

/**
 * What waits for the actor, by role and within its reach: new and overdue applications, those
 * assigned to the actor, applications with unread messages from residents, and for a provider its
 * agency's new and running assignments. Numbers only — no personal data is read, so nothing is audited.
 */
export async function staffCounters(services: Services, actor: Actor): Promise<Counter[]> {
  if (actor.hromadaId === null) return [];
  const hromadaId = actor.hromadaId;
  return services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const out: Counter[] = [];
    const reach = can(actor, 'applications.read') ? queueReach(actor) : null;
    if (reach) {
      const count = (cond: string, values: unknown[]) => countApplications(c, hromadaId, reach.districtId, cond, values);
      out.push({ key: 'new', count: await count("a.status = 'registered'", []), href: '/applications?status=registered' });
      out.push({ key: 'overdue', count: await count('a.status = ANY($X) AND a.deadline < $Y', [RUNNING, kyivToday()]),
        href: '/applications?due=overdue' });
      if (can(actor, 'applications.process')) {
        out.push({ key: 'mine', count: await count("a.assignee_id = $X AND a.status NOT IN ('refused', 'completed', 'withdrawn')", [actor.userId]),
          href: '/applications?assignee=me' });
      }
      if (can(actor, 'messages.read')) {
        out.push({ key: 'unread', count: await count(
          'EXISTS (SELECT 1 FROM application_messages m WHERE m.application_id = a.id AND m.read_by_staff_at IS NULL)', []),
          href: '/applications/messages' });
      }
    }
    const assignments = can(actor, 'assignments.deliver') ? listReach(actor) : null;
    if (assignments) {
      const where = ['s.hromada_id = $1'];
      const values: unknown[] = [hromadaId];
      if (!assignments.all) {
        values.push(assignments.districtIds, assignments.agencyIds);
        where.push('(a.district_id = ANY($2::int[]) OR s.agency_id = ANY($3::int[]))');
      }
      const { rows } = await c.query<{ status: string; n: number }>(
        `SELECT s.status, count(*)::int AS n FROM service_assignments s JOIN applications a ON a.id = s.application_id
         WHERE ${where.join(' AND ')} AND s.status IN ('assigned', 'accepted', 'in_progress') GROUP BY s.status`, values);
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
      out.push({ key: 'assignmentsNew', count: n('assigned'), href: '/assignments?status=assigned' });
      out.push({ key: 'assignmentsRunning', count: n('accepted') + n('in_progress'), href: '/assignments?status=in_progress' });
    }
    return out;
  });
}

/** Applications of the hromada (of one district, when given) meeting `cond`, whose $X, $Y are `values` in order. */
async function countApplications(c: PoolClient, hromadaId: number, districtId: number | undefined, cond: string, values: unknown[])
  : Promise<number> {
  const params: unknown[] = [hromadaId, ...values];
  let sql = cond.replace('$X', '$2').replace('$Y', '$3');
  if (districtId !== undefined) {
    params.push(districtId);
    sql += ` AND a.district_id = $${params.length}`;
  }
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications a WHERE a.hromada_id = $1 AND ${sql}`, params);
  return rows[0].n;
}
