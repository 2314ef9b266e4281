import type { AppModule } from '../../platform/modules.js';
import { assessmentRoutes } from './assessments.routes.js';
import { assessmentFormRoutes } from './assessment-forms.routes.js';
import { caseAssessmentsSection } from './assessments.sections.js';
import { scheduleReassessment } from './use-cases/schedule-reassessment.js';

/**
 * Needs assessment (оцінка потреб, decision 0018): forms defined as data and versioned, edited by administrators;
 * a case's assessments filled with one form version and scored (the daily-living score sets the hours of home
 * care); the re-assessment due before a plan's service ends (art. 22). On the case page through `caseSections`.
 */
export const assessmentsModule: AppModule = {
  name: 'assessments',
  contribute: (hooks) => {
    hooks.add('caseSections', caseAssessmentsSection);
    hooks.add('caseServiceTerms', async (x) => {
      await scheduleReassessment({
        services: x.services,
        actor: x.actor,
        tx: x.c,
        audit: x.audit,
        kase: x.kase,
        planItemId: x.planItemId,
        endsOn: x.endsOn,
      });
    });
  },
  routes: (services) => async (app) => {
    await app.register(assessmentRoutes(services));
    await app.register(assessmentFormRoutes(services));
  },
};
