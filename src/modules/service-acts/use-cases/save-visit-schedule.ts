import { ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { DELIVERING, type ActPlace } from '../act-rules.js';
import { requireActAssignment } from '../service-acts.policy.js';
import { agencyWorkers, insertSchedule } from '../service-acts.queries.js';

/**
 * Adds a planned visit to the provider's schedule: an assignment being delivered, a worker of the provider, the
 * weekdays, the time (optional) and minutes, the place. Returns the provider. Audited.
 */
export async function saveVisitSchedule(
  o: UseCase<{
    input: {
      assignmentId: string;
      workerId: string;
      weekdays: number[];
      startsAt?: string;
      minutes: number;
      place: ActPlace;
    };
  }>,
): Promise<number> {
  return inTenant(o, 'acts.write', async ({ c, actor, hromadaId, audit }) => {
    const i = o.input;
    const a = await requireActAssignment(c, actor, 'acts.write', i.assignmentId);
    const problems: Problem[] = [];
    if (!(DELIVERING as readonly string[]).includes(a.status))
      problems.push({ field: 'assignmentId', key: 'acts.v.notAssigned' });
    if (!(await agencyWorkers(c, hromadaId, a.agency_id)).some((w) => w.id === i.workerId))
      problems.push({ field: 'workerId', key: 'acts.v.worker' });
    if (problems.length) throw new ValidationError(problems);
    const id = await insertSchedule(c, hromadaId, {
      assignmentId: a.id,
      agencyId: a.agency_id,
      workerId: i.workerId,
      weekdays: [...new Set(i.weekdays)].sort(),
      startsAt: i.startsAt ?? null,
      minutes: i.minutes,
      place: i.place,
      by: actor.userId,
    });
    await audit({
      action: 'visitSchedule.save',
      operation: 'write',
      entityType: 'person',
      entityId: a.person_id,
      fields: ['visitSchedule'],
      reason: `schedule:${id}`,
    });
    return a.agency_id;
  });
}
