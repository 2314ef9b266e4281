import type { AppModule } from '../../platform/modules.js';
import { careRoutes } from './family-care.routes.js';
import { caseCareSection, householdCareSection } from './family-care.sections.js';

/**
 * Family forms of care (сімейні форми виховання): foster families, family-type children's homes, patronat families
 * and guardians as registry households with a form and a stage; their candidates' training, assessment and decision;
 * the children placed with them (a case each, through the cases module's `openCase`), the visits and yearly reviews
 * of each placement; the counts the action plans report. On the household card and the child's case page.
 */
export const familyCareModule: AppModule = {
  name: 'family-care',
  contribute: (hooks) => {
    // A merge of persons moves the placements of the merged child to the surviving record.
    hooks.add('personLinks', { table: 'care_placements', column: 'child_id', key: ['id'] });
    hooks.add('householdCardSections', householdCareSection);
    hooks.add('caseSections', caseCareSection);
  },
  routes: (services) => async (app) => {
    await app.register(careRoutes(services));
  },
};
