import type { AppModule } from '../../platform/modules.js';
import { consentRoutes } from './consents.routes.js';
import { personCardSection } from './consents.sections.js';

/**
 * Consents to the processing of personal data on the person's card (record, withdraw); the consent
 * ticked in the online form is recorded by `recordOnlineConsent`, a step of the cabinet's submission
 * and of the applications module's linking of a person.
 */
export const consentsModule: AppModule = {
  name: 'consents',
  contribute: (hooks) => {
    // The consents on the person card, with the form to record one.
    hooks.add('personCardSections', personCardSection);
  },
  routes: (services) => consentRoutes(services),
};
