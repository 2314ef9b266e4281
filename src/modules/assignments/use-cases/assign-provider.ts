import { can } from '../../../platform/policy.js';
import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication, scopeOf as applicationScope } from '../../applications/applications.policy.js';
import { ASSIGNABLE_APPLICATION, MAX_TEXT, REASSIGNABLE } from '../assignment-machine.js';
import {
  addAssignmentHistory,
  assignmentOfApplication,
  insertAssignment,
  providerOptions,
  reassign,
} from '../assignments.queries.js';

export type AssignProviderOptions = UseCase<{
  applicationId: string;
  agencyId: number | null;
  notes: string;
  /** The assignment's version the manager saw (none when there was no assignment). */
  version?: number;
}>;

/**
 * The manager hands a granted application to a provider, or to another one after a decline (or
 * before the first has accepted). The provider must be one of the service's providers, or any
 * agency of the hromada when the catalogue names none.
 */
export async function assignProvider(o: AssignProviderOptions): Promise<{ id: string }> {
  return inTenant(o, 'assignments.assign', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireApplication(c, actor, 'applications.read', o.applicationId, true);
    if (!can(actor, 'assignments.assign', applicationScope(hromadaId, a))) throw new AppError('forbidden');
    if (!ASSIGNABLE_APPLICATION.includes(a.status) || a.person_id === null) {
      throw new AppError('conflict', { messageKey: 'assignments.errors.notAssignable' });
    }
    const personId = a.person_id;
    const current = await assignmentOfApplication(c, hromadaId, a.id, true);
    if (current && !REASSIGNABLE.includes(current.status)) {
      throw new AppError('conflict', { messageKey: 'assignments.errors.notReassignable' });
    }
    if ((current?.version ?? undefined) !== o.version)
      throw new AppError('conflict', { messageKey: 'assignments.errors.stale' });
    if (o.agencyId === null) throw problem('agencyId', 'assignments.v.agencyRequired');
    const { options } = await providerOptions(c, hromadaId, a.service_id);
    const agency = options.find((p) => p.id === o.agencyId);
    if (!agency) throw problem('agencyId', 'assignments.v.agencyInvalid');
    if (current && current.agency_id === agency.id) throw problem('agencyId', 'assignments.v.sameAgency');
    const notes = o.notes.trim() || null;
    if ((notes ?? '').length > MAX_TEXT) throw problem('providerNotes', 'assignments.v.noteTooLong');

    let id: string;
    if (current) {
      id = current.id;
      await reassign(c, id, agency.id, notes);
    } else {
      id = await insertAssignment(c, {
        hromadaId,
        applicationId: a.id,
        personId,
        serviceId: a.service_id,
        agencyId: agency.id,
        notes,
        createdBy: actor.userId,
      });
    }
    await addAssignmentHistory(c, {
      hromadaId,
      assignmentId: id,
      by: actor,
      event: current ? 'reassign' : 'assign',
      from: current?.status ?? null,
      to: 'assigned',
      agencyId: agency.id,
      note: notes,
      data: current ? { previousAgency: current.agency_name } : {},
    });
    await audit({
      operation: 'write',
      action: current ? 'assignment.reassign' : 'assignment.assign',
      entityType: 'assignment',
      entityId: id,
      fields: ['agency', 'status', 'notes'],
    });
    return { id };
  });
}
