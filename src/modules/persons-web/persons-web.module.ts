import type { AppModule } from '../../platform/modules.js';
import type { ApplicantPrefillReader, PersonCardSection } from './persons-web.hooks.js';
import { personsWebRoutes } from './persons-web.routes.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** Sections of the person card (households, consents, applications, services received). */
    personCardSections: PersonCardSection;
    /** The add-person form opened from an application starts with what its applicant typed (the applications module). */
    applicantPrefill: ApplicantPrefillReader;
  }
}

/** The registry's pages: search, add and edit a person, the person's card (why apart from `persons`: decision 0014). */
export const personsWebModule: AppModule = {
  name: 'persons-web',
  routes: (services, hooks) => personsWebRoutes(services, hooks),
};
