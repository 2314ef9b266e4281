import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireActAssignment } from '../service-acts.policy.js';
import { deleteSchedule, loadScheduleAgency } from '../service-acts.queries.js';

/** Removes a planned visit from the provider's schedule (acts already written stay); returns the provider. Audited. */
export async function removeVisitSchedule(o: UseCase<{ id: string }>): Promise<number> {
  return inTenant(o, 'acts.write', async ({ c, actor, hromadaId, audit }) => {
    const s = await loadScheduleAgency(c, hromadaId, o.id);
    if (!s) throw new AppError('not_found');
    const a = await requireActAssignment(c, actor, 'acts.write', s.assignment_id);
    await deleteSchedule(c, hromadaId, o.id);
    await audit({
      action: 'visitSchedule.remove',
      operation: 'write',
      entityType: 'person',
      entityId: a.person_id,
      fields: ['visitSchedule'],
      reason: `schedule:${o.id}`,
    });
    return a.agency_id;
  });
}
