import { AppError } from '../../../platform/errors.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { weekday } from '../act-rules.js';
import { agencyReach, agencyScope } from '../service-acts.policy.js';
import {
  actsOnDays,
  planActions,
  userName,
  workerAgencies,
  workerSchedule,
  type ScheduleRow,
} from '../service-acts.queries.js';

export interface RoundVisit {
  visit: ScheduleRow;
  /** The goals and actions of the plan the assignment rests on (none for a restricted case). */
  actions: string[];
  /** An act of the assignment by this worker is already written for the day. */
  done: boolean;
  canWrite: boolean;
}

/**
 * A home-care worker's round of a day: the schedule's visits of that weekday for the assignments being delivered at
 * home (from their first day), ordered by settlement, street and house, each with what the plan says to do. A worker
 * outside the actor's reach (not a worker of the actor's provider): 404. Audited as a read of the recipients' data.
 */
export async function viewRound(
  o: UseCase<{ workerId?: string; date: string }>,
): Promise<{ workerId: string; workerName: string; visits: RoundVisit[] }> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId, audit }) => {
    const workerId = o.workerId ?? actor.userId;
    const reach = agencyReach(actor, 'acts.read');
    const agencies = (await workerAgencies(c, hromadaId, workerId)).filter((a) => reach === null || reach.includes(a));
    const workerName = await userName(c, workerId);
    if (!agencies.length || !workerName) throw new AppError('not_found');
    const day = weekday(o.date);
    const rows = (
      await workerSchedule(c, hromadaId, { workerId, userId: actor.userId, agencyIds: agencies, homeOnly: true })
    ).filter((v) => v.weekdays.includes(day) && v.from_day <= o.date);
    const cases = [...new Set(rows.flatMap((v) => (v.case_id && !v.case_restricted ? [v.case_id] : [])))];
    const actions = await planActions(c, hromadaId, cases);
    const done = new Set(
      (await actsOnDays(c, hromadaId, { workerId, from: o.date, to: o.date })).map((a) => a.assignment_id),
    );
    await audit({
      action: 'round.view',
      operation: 'read',
      entityType: 'user',
      entityId: workerId,
      fields: ['serviceActs', 'address', 'plan'],
      reason: `date:${o.date};visits:${rows.length}`,
    });
    return {
      workerId,
      workerName,
      visits: rows.map((v) => ({
        visit: v,
        actions: v.case_restricted ? [] : actions.filter((a) => a.case_id === v.case_id).map((a) => a.text),
        done: done.has(v.assignment_id),
        canWrite: can(actor, 'acts.write', agencyScope(hromadaId, v.agency_id)),
      })),
    };
  });
}
