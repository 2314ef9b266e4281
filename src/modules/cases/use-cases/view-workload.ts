import { can } from '../../../platform/policy.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CaseStatus } from '../case-machine.js';
import { agenciesOf } from '../cases.policy.js';
import { incomingReferrals, type ReferralRow } from '../referral.queries.js';
import { myOpenTasks, type MyTaskRow } from '../team.queries.js';
import { approvalsList, managedByStatus, reviewsList, type ListOf, type WorkloadCaseRow } from '../workload.queries.js';

/** How many items each list of the workload page shows (the rest through the full list). */
export const WORKLOAD_LIST_SIZE = 10;

export interface Workload {
  today: string;
  byStatus: { status: CaseStatus; n: number }[];
  reviews: ListOf<WorkloadCaseRow>;
  approvals: ListOf<WorkloadCaseRow>;
  /** Null when the actor's role does not receive referrals. */
  referrals: { rows: ReferralRow[]; total: number } | null;
  tasks: { rows: MyTaskRow[]; total: number };
}

/**
 * A case manager's workload («Моє навантаження»): the cases they manage by status, the plan reviews due within a
 * week or overdue, the plans they submitted that wait for approval, the referrals waiting for their answer and
 * their open tasks — each list short, soonest first. One transaction, one audited read (the lists name people).
 */
export async function viewWorkload(o: UseCase): Promise<Workload> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const today = kyivToday();
    const me = actor.userId;
    const byStatus = await managedByStatus(c, hromadaId, me);
    const reviews = await reviewsList(c, hromadaId, {
      managerId: me,
      viewerId: me,
      today,
      overdueOnly: false,
      limit: WORKLOAD_LIST_SIZE,
    });
    const approvals = await approvalsList(c, hromadaId, { submittedBy: me, viewerId: me, limit: WORKLOAD_LIST_SIZE });
    const referrals = can(actor, 'referrals.receive')
      ? await incomingReferrals(
          c,
          hromadaId,
          { userId: me, agencyIds: agenciesOf(actor) },
          'sent',
          WORKLOAD_LIST_SIZE,
          0,
        )
      : null;
    const tasks = await myOpenTasks(c, hromadaId, me, WORKLOAD_LIST_SIZE, 0);
    await audit({
      action: 'case.workload.view',
      operation: 'read',
      entityType: 'case',
      fields: ['cases', 'subject', 'status', 'reviews', 'plan', 'referrals', 'tasks'],
      reason: `results:${reviews.rows.length + approvals.rows.length + (referrals?.rows.length ?? 0) + tasks.rows.length}`,
    });
    return { today, byStatus, reviews, approvals, referrals, tasks };
  });
}
