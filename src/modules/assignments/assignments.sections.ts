/**
 * What this module adds to pages of other modules: the provider part of the application page
 * (a section of the applications module's `applicationSections`, read in the page's transaction)
 * and "services received" on the person card (a section of `personCardSections`). Each page passes the result to its view, which
 * includes this module's partial with one line.
 */
import { can } from '../../platform/policy.js';
import type { ApplicationSection } from '../applications/applications.hooks.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { presentAssignment, presentReceived } from './assignments.presenter.js';
import { assignmentOfApplication, loadAssignmentHistory, providerOptions } from './assignments.queries.js';
import { scopeOf } from './assignments.policy.js';
import type { AssignmentView } from './use-cases/get-assignment.js';
import { listPersonAssignments } from './use-cases/list-person-assignments.js';

/**
 * For `applications/views/application.njk` (`serviceAssignment`): the assignment with its history
 * (the read is audited), and whether the actor may (re-)assign and to whom. Null when the actor
 * may not see assignments of this application or the application was not granted.
 */
export const applicationSection: ApplicationSection = {
  key: 'serviceAssignment',
  read: async ({ c, actor, hromadaId, audit, application: a, t }) => {
    const appScope = { hromadaId, districtId: a.district_id };
    if (!can(actor, 'assignments.read', appScope)) return null;
    const row = await assignmentOfApplication(c, hromadaId, a.id);
    const assignable = ['granted', 'in_delivery'].includes(a.status);
    if (!row && !assignable) return null;
    let view: AssignmentView | null = null;
    if (row && can(actor, 'assignments.read', scopeOf(hromadaId, row))) {
      view = { row, history: await loadAssignmentHistory(c, row.id) };
      await audit({
        operation: 'read',
        action: 'assignment.view',
        entityType: 'assignment',
        entityId: row.id,
        fields: ['agency', 'status', 'notes', 'history'],
      });
    }
    const canAssign =
      assignable &&
      can(actor, 'assignments.assign', appScope) &&
      (!row || ['assigned', 'declined'].includes(row.status));
    const choice = canAssign ? await providerOptions(c, hromadaId, a.service_id) : { options: [], fromCatalogue: true };
    return {
      assignment: view ? presentAssignment(view.row, view.history, t) : null,
      canAssign,
      fromCatalogue: choice.fromCatalogue,
      options: choice.options.map((o) => ({ value: String(o.id), text: o.name })),
    };
  },
};

/**
 * For the person card (`personCardSections`): the services the person received, in the card's transaction
 * (its own audited read); `receivedServices` is null when the role does not see assignments.
 */
export const personCardSection: PersonCardSection = {
  template: 'assignments/views/person-services.njk',
  read: async ({ c, actor, audit, services, person, t }) => {
    const rows = await listPersonAssignments({ services, actor, tx: c, audit, personId: person.id });
    return { receivedServices: rows?.map((r) => presentReceived(r, t)) ?? null };
  },
};
