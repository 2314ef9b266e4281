import { can } from '../../platform/policy.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';

/** A link on the person card to the person's incomes and payment categories (for those who keep them). */
export const paidServicesCardSection: PersonCardSection = {
  template: 'paid-services/views/person-card.njk',
  read: ({ actor, person }) =>
    Promise.resolve({
      paidServicesHref: can(actor, 'billing.manage') ? `/paid-services/recipients/${person.id}` : null,
    }),
};
