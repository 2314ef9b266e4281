import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agencyScope, requireAgency } from '../service-acts.policy.js';
import {
  activeAssignments,
  agencySchedule,
  agencyWorkers,
  type ActAssignmentRow,
  type AgencyRow,
  type ScheduleRow,
  type WorkerRow,
} from '../service-acts.queries.js';

/** A provider's visit schedule with what a new visit may name (its assignments being delivered, its workers). */
export async function viewSchedule(o: UseCase<{ agencyId: number }>): Promise<{
  agency: AgencyRow;
  schedule: ScheduleRow[];
  assignments: ActAssignmentRow[];
  workers: WorkerRow[];
  canWrite: boolean;
}> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId, audit }) => {
    const agency = await requireAgency(c, actor, 'acts.read', o.agencyId);
    const schedule = await agencySchedule(c, hromadaId, { agencyId: agency.id, userId: actor.userId });
    const canWrite = can(actor, 'acts.write', agencyScope(hromadaId, agency.id));
    await audit({
      action: 'visitSchedule.view',
      operation: 'read',
      entityType: 'agency',
      entityId: String(agency.id),
      fields: ['visitSchedule', 'address'],
      reason: `visits:${schedule.length}`,
    });
    return {
      agency,
      schedule,
      assignments: canWrite ? await activeAssignments(c, hromadaId, agency.id) : [],
      workers: await agencyWorkers(c, hromadaId, agency.id),
      canWrite,
    };
  });
}
