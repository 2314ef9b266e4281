/**
 * What this module adds to pages of other modules: the provider part of the application page
 * and "services received" on the person card. Each page passes the result to its view, which
 * includes this module's partial with one line.
 */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { ApplicationRow } from '../applications/applications.queries.js';
import { presentAssignment, presentReceived } from './assignments.presenter.js';
import { applicationAssignment, personAssignments } from './use-cases/read-assignments.js';
import { requestMeta } from '../../platform/audit.js';

/** For `applications/views/application.njk` (`serviceAssignment`). */
export async function applicationSection(services: Services, req: FastifyRequest, application: ApplicationRow) {
  const s = await applicationAssignment(services, { actor: req.actor!, application, meta: requestMeta(req) });
  if (!s) return null;
  return {
    assignment: s.view ? presentAssignment(s.view.row, s.view.history, req.t) : null,
    canAssign: s.canAssign, fromCatalogue: s.fromCatalogue,
    options: s.options.map((o) => ({ value: String(o.id), text: o.name })),
  };
}

/** For `persons-web/views/card.njk` (`receivedServices`): null when the role does not see assignments. */
export async function receivedServicesSection(services: Services, req: FastifyRequest, personId: string) {
  const rows = await personAssignments(services, { actor: req.actor!, personId, meta: requestMeta(req) });
  return rows && rows.map((r) => presentReceived(r, req.t));
}
