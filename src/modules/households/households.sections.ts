/** What this module adds to pages of other modules: the households on the person card. */
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { displayDate } from '../../platform/dates.js';
import { personHouseholds } from './households.queries.js';

/** For the person card (`personCardSections`): the households the person is or was a member of. */
export const personCardSection: PersonCardSection = {
  template: 'households/views/card-households.njk',
  fields: ['households'],
  read: async ({ c, person, t }) => {
    const rows = await personHouseholds(c, person.id);
    return {
      households: rows.map((h) => ({
        href: `/households/${h.household_id}`,
        head: [h.head_last_name, h.head_first_name, h.head_patronymic].filter(Boolean).join(' ') || '—',
        relation: t(`households.relation.${h.relation}`),
        joined: displayDate(h.joined_on),
        left: displayDate(h.left_on),
        members: h.members,
      })),
      inHousehold: rows.some((h) => !h.left_on),
    };
  },
};
