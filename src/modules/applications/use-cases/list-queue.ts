import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivToday } from '../../../platform/dates.js';
import {
  loadCalendar,
  queuePage,
  queueReference,
  type ApplicationRow,
  type QueueWhere,
} from '../applications.queries.js';
import { queueReach } from '../applications.policy.js';
import type { Status } from '../status-machine.js';
import { AT_RISK_DAYS, addWorkingDays, type WorkCalendar } from '../working-days.js';

export interface QueueFilters {
  serviceId?: string;
  status?: Status;
  districtId?: number;
  /** A user's id, or `none` for unassigned applications. */
  assignee?: string;
  due?: 'at_risk' | 'overdue';
}

export interface QueuePage {
  items: ApplicationRow[];
  total: number;
  today: string;
  calendar: WorkCalendar;
  /** The filters' choices (services, districts, assignees), when asked for (the queue page). */
  reference?: Awaited<ReturnType<typeof queueReference>>;
}

/** Statuses in which the decision clock runs (needs_documents is paused, so never overdue). */
const RUNNING = ['submitted', 'registered', 'in_review'];

/**
 * The processing queue: filtered, limited to the actor's reach, by deadline (earliest first); audited.
 * With `reference`, also the choices of the page's filters (read in the same transaction).
 */
export async function listQueue(
  o: UseCase<{ filters: QueueFilters; limit: number; offset: number; reference?: boolean }>,
): Promise<QueuePage> {
  return inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    const reach = queueReach(actor);
    if (!reach) throw new AppError('forbidden');
    const calendar = await loadCalendar(c, hromadaId);
    const today = kyivToday();
    const f = o.filters;
    const where: QueueWhere = {
      districtReach: reach.districtId,
      serviceId: f.serviceId,
      status: f.status,
      districtId: f.districtId,
      assignee: f.assignee,
    };
    if (f.due === 'overdue') where.due = { statuses: RUNNING, before: today };
    else if (f.due) where.due = { statuses: RUNNING, from: today, to: addWorkingDays(today, AT_RISK_DAYS, calendar) };
    const page = await queuePage(c, hromadaId, where, o.limit, o.offset);
    await audit({
      action: 'application.list',
      operation: 'read',
      entityType: 'application',
      entityId: page.rows.length === 1 ? page.rows[0].id : null,
      fields: Object.keys(f).filter((k) => f[k as keyof QueueFilters] !== undefined),
      reason: `results:${page.total}`,
    });
    const reference = o.reference ? await queueReference(c, hromadaId) : undefined;
    return { items: page.rows, total: page.total, today, calendar, reference };
  });
}
