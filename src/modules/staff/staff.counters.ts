import type { Queryable } from '../../platform/db.js';
import { can, type Actor } from '../../platform/policy.js';
import { kyivToday } from '../../platform/dates.js';
import { queueReach } from '../applications/applications.policy.js';
import { listReach } from '../assignments/assignments.policy.js';
import { countApplications, countOpenAssignments } from './staff.queries.js';
import { countManagedOpenCases } from '../cases/cases.queries.js';
import { countMyOpenTasks } from '../cases/team.queries.js';
import { countIncomingReferrals } from '../cases/referral.queries.js';
import { countApprovalsWaiting, countOverdueReviews } from '../cases/workload.queries.js';
import { agenciesOf } from '../cases/cases.policy.js';
import { countOpenSignals } from '../signals/signals.queries.js';
import { careIntervals, countOverduePlacements } from '../family-care/family-care.queries.js';
import { countReassessmentDue } from '../contracts/contracts.queries.js';
import { reassessmentDays } from '../assessments/assessments.queries.js';

/** One counter of the staff home: what it counts, how many, and the list that shows them. */
export interface Counter {
  key: string;
  count: number;
  href: string;
}

/** Statuses in which the decision clock runs. */
const RUNNING = ['submitted', 'registered', 'in_review'];

/**
 * What waits for the actor, by role and within its reach: new and overdue applications, those
 * assigned to the actor, applications with unread messages from residents, and for a provider its
 * agency's new and running assignments; the open cases the actor manages, their overdue plan reviews and (for a supervisor) the plans and closures waiting for approval; the signals awaiting triage and overdue; the placements of children in family forms of care with a visit, review or term overdue; the contracts whose re-assessment is due. Numbers only — no personal data is read, so nothing is audited.
 */
export async function staffCounters(c: Queryable, actor: Actor, hromadaId: number): Promise<Counter[]> {
  const out: Counter[] = [];
  const reach = can(actor, 'applications.read') ? queueReach(actor) : null;
  if (reach) {
    const count = (cond: string, values: unknown[]) => countApplications(c, hromadaId, reach.districtId, cond, values);
    out.push({
      key: 'new',
      count: await count("a.status = 'registered'", []),
      href: '/applications?status=registered',
    });
    out.push({
      key: 'overdue',
      count: await count('a.status = ANY($X) AND a.deadline < $Y', [RUNNING, kyivToday()]),
      href: '/applications?due=overdue',
    });
    if (can(actor, 'applications.process')) {
      out.push({
        key: 'mine',
        href: '/applications?assignee=me',
        count: await count("a.assignee_id = $X AND a.status NOT IN ('refused', 'completed', 'withdrawn')", [
          actor.userId,
        ]),
      });
    }
    if (can(actor, 'messages.read')) {
      out.push({
        key: 'unread',
        count: await count(
          'EXISTS (SELECT 1 FROM application_messages m WHERE m.application_id = a.id AND m.read_by_staff_at IS NULL)',
          [],
        ),
        href: '/applications/messages',
      });
    }
  }
  if (can(actor, 'cases.write')) {
    out.push({ key: 'myCases', count: await countManagedOpenCases(c, hromadaId, actor.userId), href: '/cases' });
    out.push({ key: 'myTasks', count: await countMyOpenTasks(c, hromadaId, actor.userId), href: '/tasks' });
    out.push({
      key: 'reviewsOverdue',
      count: await countOverdueReviews(c, hromadaId, actor.userId, kyivToday()),
      href: '/cases/workload#reviews',
    });
  }
  if (can(actor, 'cases.supervise')) {
    out.push({
      key: 'approvalsWaiting',
      count: await countApprovalsWaiting(c, hromadaId),
      href: '/cases/caseload#approvals',
    });
  }
  if (can(actor, 'referrals.receive')) {
    const to = { userId: actor.userId, agencyIds: agenciesOf(actor) };
    out.push({
      key: 'referralsIn',
      count: await countIncomingReferrals(c, hromadaId, to),
      href: '/referrals?status=sent',
    });
  }
  if (can(actor, 'signals.read')) {
    const signals = await countOpenSignals(c, hromadaId);
    out.push({ key: 'signalsOpen', count: signals.open, href: '/signals?status=new' });
    out.push({ key: 'signalsOverdue', count: signals.overdue, href: '/signals?due=overdue' });
  }
  if (can(actor, 'care.read')) {
    const n = await countOverduePlacements(c, hromadaId, await careIntervals(c, hromadaId), kyivToday());
    out.push({ key: 'careOverdue', count: n, href: '/family-care?due=overdue' });
  }
  if (can(actor, 'contracts.manage')) {
    // Contracts whose re-assessment (art. 22) is due and not yet done: the hromada's, as the overview marks them.
    const n = await countReassessmentDue(c, hromadaId, kyivToday(), await reassessmentDays(c, hromadaId));
    out.push({ key: 'contractsReassessment', count: n, href: '/contracts/overview' });
  }
  const assignments = can(actor, 'assignments.deliver') ? listReach(actor) : null;
  if (assignments) {
    const n = await countOpenAssignments(c, hromadaId, assignments);
    out.push({ key: 'assignmentsNew', count: n('assigned'), href: '/assignments?status=assigned' });
    out.push({
      key: 'assignmentsRunning',
      count: n('accepted') + n('in_progress'),
      href: '/assignments?status=in_progress',
    });
  }
  return out;
}
