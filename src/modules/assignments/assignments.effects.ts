/**
 * What this module does in the transaction of the office's application command (the
 * `applicationCommandEffects` extension point of the applications module): a grant hands the
 * application to the service's only provider; the office's start of delivery and completion carry
 * the provider's assignment along.
 */
import { AppError } from '../../platform/errors.js';
import type { CommandEffect } from '../applications/applications.hooks.js';
import { followApplication } from './assignment-machine.js';
import {
  addAssignmentHistory,
  assignmentOfApplication,
  followOffice,
  insertAssignment,
  providersOf,
} from './assignments.queries.js';

/**
 * In the grant's transaction: a service with exactly one provider in the catalogue is handed to
 * it at once; otherwise the manager chooses on the application page.
 */
const assignOnGrant: CommandEffect = async (c, x) => {
  const application = x.application;
  const providers = await providersOf(c, x.hromadaId, application.service_id);
  if (providers.length !== 1 || (await assignmentOfApplication(c, x.hromadaId, application.id))) return;
  const [agency] = providers;
  // A decision needs a confirmed person (changeStatus refuses it before), so this holds; never hand over an unknown person.
  if (application.person_id === null) return;
  const id = await insertAssignment(c, {
    hromadaId: x.hromadaId,
    applicationId: application.id,
    personId: application.person_id,
    serviceId: application.service_id,
    agencyId: agency.id,
    notes: null,
    createdBy: x.actor.userId,
  });
  await addAssignmentHistory(c, {
    hromadaId: x.hromadaId,
    assignmentId: id,
    by: x.actor,
    event: 'assign',
    from: null,
    to: 'assigned',
    agencyId: agency.id,
    data: { automatic: true },
  });
  await x.audit({
    action: 'assignment.assign',
    operation: 'write',
    entityType: 'assignment',
    entityId: id,
    fields: ['agency', 'status'],
    reason: 'automatic: the only provider of the service',
  });
};

/**
 * "Start delivery" and "complete" carry the provider's assignment along (the office records
 * delivery for a provider that does not use the system). A declined assignment must be handed to
 * another provider first.
 */
const followOfficeDelivery: CommandEffect = async (c, x) => {
  if (x.command !== 'startDelivery' && x.command !== 'complete') return;
  const s = await assignmentOfApplication(c, x.hromadaId, x.application.id, true);
  if (!s) return;
  const to = followApplication(x.command, s.status);
  if (to === null) throw new AppError('conflict', { messageKey: 'assignments.errors.declinedFirst' });
  if (to === 'same') return;
  await followOffice(c, s.id, to, x.today);
  await addAssignmentHistory(c, {
    hromadaId: x.hromadaId,
    assignmentId: s.id,
    by: x.actor,
    event: to === 'completed' ? 'officeComplete' : 'officeStart',
    from: s.status,
    to,
    agencyId: s.agency_id,
    data: { date: x.today },
  });
  await x.audit({
    action: `assignment.${x.command}`,
    operation: 'write',
    entityType: 'assignment',
    entityId: s.id,
    fields: ['status', 'date'],
    reason: 'recorded by the office',
  });
};

/** The one effect this module adds to the office's commands. */
export const followApplicationCommand: CommandEffect = async (c, x) => {
  if (x.command === 'grant') await assignOnGrant(c, x);
  else await followOfficeDelivery(c, x);
};
