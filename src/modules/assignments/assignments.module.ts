import type { AppModule } from '../../platform/modules.js';
import { assignmentRoutes } from './assignments.routes.js';
import { assignmentsApi } from './assignments.api.js';
import { cabinetServicesRoutes } from './cabinet-services.routes.js';
import { applicationSection, personCardSection } from './assignments.sections.js';
import { followApplicationCommand } from './assignments.effects.js';

/** Hand-over of granted applications to providers: staff pages, the cabinet's services received, /api/v1/assignments. */
export const assignmentsModule: AppModule = {
  name: 'assignments',
  contribute: (hooks) => {
    // A merge of persons moves their assignments to the surviving record (with their applications).
    hooks.add('personLinks', { table: 'service_assignments', column: 'person_id', key: ['id'] });
    // The provider part of the application page, and the assignment following the office's commands.
    hooks.add('applicationSections', applicationSection);
    hooks.add('applicationCommandEffects', followApplicationCommand);
    // «Отримані послуги» on the person card.
    hooks.add('personCardSections', personCardSection);
  },
  routes: (services, hooks) => async (app) => {
    await app.register(assignmentRoutes(services, hooks));
    await app.register(cabinetServicesRoutes(services));
    await app.register(assignmentsApi(services), { prefix: '/api/v1' });
  },
};
