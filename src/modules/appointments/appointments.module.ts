import type { AppModule } from '../../platform/modules.js';
import { officeRoutes } from './offices.routes.js';
import { appointmentRoutes } from './appointments.routes.js';
import { cabinetAppointmentRoutes } from './cabinet.routes.js';
import { visitRoutes } from './visit.routes.js';
import { queueRoutes } from './queue.routes.js';
import { appointmentsApi } from './appointments.api.js';
import { visitReminderJobs } from './appointments.reminders.js';
import { applicationSection, personCardSection } from './appointments.sections.js';

/**
 * Offices with their schedules and the booking of visits (issue 14, decision 0036): the offices' weeks, services,
 * staff and absences; free slots computed from them; booking by residents, the front office, starostas and the API
 * with no double booking (a seat constraint); the day's list; cancel and move from the cabinet or the message's link;
 * reminders the day before.
 */
export const appointmentsModule: AppModule = {
  name: 'appointments',
  contribute: (hooks) => {
    // A merge of persons moves their visits to the surviving record.
    hooks.add('personLinks', { table: 'appointments', column: 'person_id', key: ['id'] });
    hooks.add('personCardSections', personCardSection);
    hooks.add('applicationSections', applicationSection);
  },
  jobs: (services) => services.jobs.register(visitReminderJobs(services)),
  routes: (services) => async (app) => {
    await app.register(officeRoutes(services));
    await app.register(appointmentRoutes(services));
    await app.register(cabinetAppointmentRoutes(services));
    await app.register(visitRoutes(services));
    await app.register(queueRoutes(services));
    await app.register(appointmentsApi(services), { prefix: '/api/v1' });
  },
};
