/** What this module adds to pages of other modules: the person card's «Заяви». */
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { presentQueueItem } from './applications.presenter.js';
import { personApplications } from './use-cases/person-applications.js';

/**
 * For the person card (`personCardSections`): the person's applications within the actor's reach, in the
 * card's transaction (its own audited read); `personApplications` is null when the role does not read them.
 */
export const personCardSection: PersonCardSection = {
  template: 'applications/views/person-applications.njk',
  read: async ({ c, actor, audit, services, person, t }) => {
    const r = await personApplications({ services, actor, tx: c, audit, personId: person.id });
    return { personApplications: r && r.rows.map((a) => presentQueueItem(a, r.today, r.calendar, t)) };
  },
};
