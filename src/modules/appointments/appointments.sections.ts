/**
 * What visits add to other modules' pages: the visit an application came from on the staff application page
 * (`applicationSections`), and «Записи на прийом» on the person card (`personCardSections`).
 */
import { can } from '../../platform/policy.js';
import type { ApplicationSection } from '../applications/applications.hooks.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { officeScope } from './appointments.policy.js';
import { appointmentsOfApplication, personAppointments } from './appointments.queries.js';
import { presentAppointment } from './appointments.presenter.js';

/** The visit(s) the application came from, for staff who read visits at that office (`visitSection`, null: none). */
export const applicationSection: ApplicationSection = {
  key: 'visitSection',
  pageOnly: true,
  read: async ({ c, actor, hromadaId, application, t }) => {
    if (!can(actor, 'appointments.read')) return null;
    const rows = (await appointmentsOfApplication(c, hromadaId, application.id)).filter((a) =>
      can(actor, 'appointments.read', officeScope(hromadaId, a)),
    );
    return rows.length ? rows.map((a) => presentAppointment(t, a)) : null;
  },
};

/** The person's visits, latest first (`personVisits`: null when the role does not read visits). */
export const personCardSection: PersonCardSection = {
  template: 'appointments/views/person-visits.njk',
  fields: ['start', 'service', 'office', 'status'],
  read: async ({ c, actor, hromadaId, person, t }) => {
    if (!can(actor, 'appointments.read')) return { personVisits: null };
    const rows = (await personAppointments(c, hromadaId, person.id)).filter((a) =>
      can(actor, 'appointments.read', officeScope(hromadaId, a)),
    );
    return { personVisits: rows.map((a) => presentAppointment(t, a)) };
  },
};
