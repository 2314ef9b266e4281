import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  approvalsList,
  caseload,
  reviewsList,
  type CaseloadRow,
  type ListOf,
  type WorkloadCaseRow,
} from '../workload.queries.js';

/** How many items each list of the caseload page shows. */
export const CASELOAD_LIST_SIZE = 20;

export interface Caseload {
  today: string;
  workers: CaseloadRow[];
  approvals: ListOf<WorkloadCaseRow>;
  overdue: ListOf<WorkloadCaseRow>;
}

/**
 * A supervisor's view of the hromada (`cases.supervise`): the caseload of each worker (open cases by status,
 * overdue reviews; restricted cases counted), the plans and closures waiting for approval (oldest first) and the
 * overdue reviews. A restricted case off the supervisor's team is counted but never named. One audited read.
 */
export async function viewCaseload(o: UseCase): Promise<Caseload> {
  return inTenant(o, 'cases.supervise', async ({ c, actor, hromadaId, audit }) => {
    const today = kyivToday();
    const workers = await caseload(c, hromadaId, today, actor.userId);
    const approvals = await approvalsList(c, hromadaId, {
      submittedBy: null,
      viewerId: actor.userId,
      limit: CASELOAD_LIST_SIZE,
    });
    const overdue = await reviewsList(c, hromadaId, {
      managerId: null,
      viewerId: actor.userId,
      today,
      overdueOnly: true,
      limit: CASELOAD_LIST_SIZE,
      // The caseload counted the overdue reviews per worker already: the list is not counted again.
      counts: {
        total: workers.reduce((n, w) => n + w.overdue_reviews, 0),
        hidden: workers.reduce((n, w) => n + w.overdue_hidden, 0),
      },
    });
    await audit({
      action: 'case.caseload.view',
      operation: 'read',
      entityType: 'case',
      fields: ['cases', 'subject', 'manager', 'reviews', 'plan'],
      reason: `results:${approvals.rows.length + overdue.rows.length}`,
    });
    return { today, workers, approvals, overdue };
  });
}
