import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { requireApplication, scopeOf as applicationScope } from '../../applications/applications.policy.js';
import { ASSIGNABLE_APPLICATION, MAX_TEXT, REASSIGNABLE } from '../assignment-machine.js';
import {
  addAssignmentHistory, agenciesOf, assignmentOfApplication, insertAssignment, providersOf, userLabel, type AgencyOption,
} from '../assignments.queries.js';

/** The providers the office may choose from: the service's own, or any agency of the hromada when it names none. */
export async function providerOptions(c: PoolClient, hromadaId: number, serviceId: string)
  : Promise<{ options: AgencyOption[]; fromCatalogue: boolean }> {
  const own = await providersOf(c, hromadaId, serviceId);
  return own.length ? { options: own, fromCatalogue: true } : { options: await agenciesOf(c, hromadaId), fromCatalogue: false };
}

const invalid = (field: 'agencyId' | 'providerNotes', key: string) =>
  new AppError('validation', { messageKey: key, details: { problems: [{ field, key }] } });

/**
 * In the grant's transaction: a service with exactly one provider in the catalogue is handed to
 * it at once; otherwise the manager chooses on the application page.
 */
export async function assignOnGrant(c: PoolClient, x: { hromadaId: number; application: ApplicationRow; actorId: string }): Promise<void> {
  const providers = await providersOf(c, x.hromadaId, x.application.service_id);
  if (providers.length !== 1 || await assignmentOfApplication(c, x.hromadaId, x.application.id)) return;
  const [agency] = providers;
  // A decision needs a confirmed person (changeStatus refuses it before), so this holds; never hand over an unknown person.
  if (x.application.person_id === null) return;
  const actorLabel = await userLabel(c, x.actorId);
  const id = await insertAssignment(c, { hromadaId: x.hromadaId, applicationId: x.application.id, personId: x.application.person_id,
    serviceId: x.application.service_id, agencyId: agency.id, notes: null, createdBy: x.actorId });
  await addAssignmentHistory(c, { hromadaId: x.hromadaId, assignmentId: id, actorId: x.actorId, actorLabel, event: 'assign',
    from: null, to: 'assigned', agencyId: agency.id, data: { automatic: true } });
  await writeAudit(c, { hromadaId: x.hromadaId, actorId: x.actorId, actorLabel, action: 'assignment.assign', operation: 'write',
    entityType: 'assignment', entityId: id, fields: ['agency', 'status'], reason: 'automatic: the only provider of the service' });
}

export interface AssignProviderOptions {
  services: Services; actor: Actor | null; applicationId: string; agencyId: number | null; notes: string;
  /** The assignment's version the manager saw (none when there was no assignment). */
  version?: number; meta?: RequestMeta;
}

/**
 * The manager hands a granted application to a provider, or to another one after a decline (or
 * before the first has accepted). The provider must be one of the service's providers, or any
 * agency of the hromada when the catalogue names none.
 */
export async function assignProvider(o: AssignProviderOptions): Promise<{ id: string }> {
  authorize(o.actor, 'assignments.assign');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const a = await requireApplication(c, actor, 'applications.read', o.applicationId, true);
    if (!can(actor, 'assignments.assign', applicationScope(hromadaId, a))) throw new AppError('forbidden');
    if (!ASSIGNABLE_APPLICATION.includes(a.status) || a.person_id === null) {
      throw new AppError('conflict', { messageKey: 'assignments.errors.notAssignable' });
    }
    const personId = a.person_id;
    const current = await assignmentOfApplication(c, hromadaId, a.id, true);
    if (current && !REASSIGNABLE.includes(current.status)) throw new AppError('conflict', { messageKey: 'assignments.errors.notReassignable' });
    if ((current?.version ?? undefined) !== o.version) throw new AppError('conflict', { messageKey: 'assignments.errors.stale' });
    if (o.agencyId === null) throw invalid('agencyId', 'assignments.v.agencyRequired');
    const { options } = await providerOptions(c, hromadaId, a.service_id);
    const agency = options.find((p) => p.id === o.agencyId);
    if (!agency) throw invalid('agencyId', 'assignments.v.agencyInvalid');
    if (current && current.agency_id === agency.id) throw invalid('agencyId', 'assignments.v.sameAgency');
    const notes = o.notes.trim() || null;
    if ((notes ?? '').length > MAX_TEXT) throw invalid('providerNotes', 'assignments.v.noteTooLong');

    let id: string;
    if (current) {
      id = current.id;
      await c.query(
        `UPDATE service_assignments SET agency_id = $2, status = 'assigned', decline_reason = NULL, notes = $3, assigned_at = now(),
           updated_at = now(), version = version + 1 WHERE id = $1`, [id, agency.id, notes]);
    } else {
      id = await insertAssignment(c, { hromadaId, applicationId: a.id, personId, serviceId: a.service_id,
        agencyId: agency.id, notes, createdBy: actor.userId });
    }
    await addAssignmentHistory(c, { hromadaId, assignmentId: id, actorId: actor.userId, actorLabel: actor.displayName,
      event: current ? 'reassign' : 'assign', from: current?.status ?? null, to: 'assigned', agencyId: agency.id, note: notes,
      data: current ? { previousAgency: current.agency_name } : {} });
    await writeAudit(c, { ...auditBy(actor, o.meta, hromadaId), operation: 'write',
      action: current ? 'assignment.reassign' : 'assignment.assign', entityType: 'assignment', entityId: id,
      fields: ['agency', 'status', 'notes'] });
    return { id };
  });
}
