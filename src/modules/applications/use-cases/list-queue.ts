import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { SELECT_APPLICATION, loadCalendar, type ApplicationRow } from '../applications.queries.js';
import { queueReach } from '../applications.policy.js';
import type { Status } from '../status-machine.js';
import { AT_RISK_DAYS, addWorkingDays, kyivToday, type WorkCalendar } from '../working-days.js';

export interface QueueFilters {
  serviceId?: string; status?: Status; districtId?: number;
  /** A user's id, or `none` for unassigned applications. */
  assignee?: string;
  due?: 'at_risk' | 'overdue';
}

export interface QueuePage { items: ApplicationRow[]; total: number; today: string; calendar: WorkCalendar }

export interface ListQueueOptions {
  services: Services; actor: Actor | null; filters: QueueFilters; limit: number; offset: number; meta?: RequestMeta;
}

/** Statuses in which the decision clock runs (needs_documents is paused, so never overdue). */
const RUNNING = ['submitted', 'registered', 'in_review'];

/** The processing queue: filtered, limited to the actor's reach, by deadline (earliest first); audited. */
export async function listQueue(o: ListQueueOptions): Promise<QueuePage> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => listQueueIn(c, o));
}

export async function listQueueIn(c: PoolClient, o: ListQueueOptions): Promise<QueuePage> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const reach = queueReach(actor);
  if (!reach) throw new AppError('forbidden');
  const calendar = await loadCalendar(c, hromadaId);
  const today = kyivToday();
  const f = o.filters;
  const where = ['a.hromada_id = $1'];
  const values: unknown[] = [hromadaId];
  const add = (sql: string, v: unknown) => { values.push(v); where.push(sql.replace('?', `$${values.length}`)); };
  if (reach.districtId !== undefined) add('a.district_id = ?', reach.districtId);
  if (f.serviceId) add('a.service_id = ?', f.serviceId);
  if (f.status) add('a.status = ?', f.status);
  if (f.districtId !== undefined) add('a.district_id = ?', f.districtId);
  if (f.assignee === 'none') where.push('a.assignee_id IS NULL');
  else if (f.assignee) add('a.assignee_id = ?', f.assignee);
  if (f.due) {
    add('a.status = ANY(?)', RUNNING);
    if (f.due === 'overdue') add('a.deadline < ?', today);
    else {
      add('a.deadline >= ?', today);
      add('a.deadline <= ?', addWorkingDays(today, AT_RISK_DAYS, calendar));
    }
  }
  const cond = where.join(' AND ');
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications a WHERE ${cond}`, values);
  const { rows } = await c.query<ApplicationRow>(
    `${SELECT_APPLICATION} WHERE ${cond} ORDER BY a.deadline NULLS LAST, a.created_at, a.id
     LIMIT $${values.length + 1} OFFSET $${values.length + 2}`, [...values, o.limit, o.offset]);
  await writeAudit(c, {
    ...auditBy(actor, o.meta, hromadaId), action: 'application.list', operation: 'read',
    entityType: 'application', entityId: rows.length === 1 ? rows[0].id : null,
    fields: Object.keys(f).filter((k) => f[k as keyof QueueFilters] !== undefined),
    reason: `results:${total.rows[0].n}`
  });
  return { items: rows, total: total.rows[0].n, today, calendar };
}
