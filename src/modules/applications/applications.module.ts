import type { AppModule } from '../../platform/modules.js';
import type { ApplicationSection, CommandEffect, DecisionIssuer } from './applications.hooks.js';
import { applicationRoutes } from './applications.routes.js';
import { applicationsApi } from './applications.api.js';
import { calendarRoutes } from './calendar.routes.js';
import { intakeRoutes } from './intake.routes.js';
import { personCardSection } from './applications.sections.js';
import { applicantForRegistry } from './use-cases/read-applicant-for-registry.js';
import { APPLICATION_METRICS } from './applications.metrics.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Sections of the staff application page (the provider's assignment, the conversation with the applicant). */
    applicationSections: ApplicationSection;
    /** What other modules do in the transaction of the office's command (the provider's assignment follows it). */
    applicationCommandEffects: CommandEffect;
    /** Who records the decision document of a granted or refused application (the decisions module; exactly one). */
    applicationDecisionIssuer: DecisionIssuer;
  }
}

/** Applications: intake, the processing queue, the application page and its commands, the working calendar, /api/v1/applications. */
export const applicationsModule: AppModule = {
  name: 'applications',
  contribute: (hooks) => {
    // A merge of persons moves their applications to the surviving record.
    hooks.add('personLinks', { table: 'applications', column: 'person_id', key: ['id'] });
    // «Заяви» on the person card.
    hooks.add('personCardSections', personCardSection);
    // The add-person form opened from an online application starts with what its applicant typed.
    hooks.add('applicantPrefill', applicantForRegistry);
    // Applications received, granted, refused, waiting, and the time to a decision (decision 0032).
    for (const m of APPLICATION_METRICS) hooks.add('metrics', m);
  },
  routes: (services, hooks) => async (app) => {
    await app.register(intakeRoutes(services));
    await app.register(applicationRoutes(services, hooks));
    await app.register(applicationsApi(services, hooks), { prefix: '/api/v1' });
    await app.register(calendarRoutes(services));
  },
};
