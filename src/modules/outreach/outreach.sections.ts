/**
 * What outreach adds to the person card (`personCardSections`): the trips that visited the person with the outcome, and
 * the sync conflicts of the person's data — both versions and the choice made, as kept in the history.
 */
import { displayDate } from '../../platform/dates.js';
import { can } from '../../platform/policy.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { personConflicts, personStops } from './outreach.queries.js';

/** `personOutreach`: null when the role does not read trips, or when the person was never on one. */
export const personCardSection: PersonCardSection = {
  template: 'outreach/views/person-outreach.njk',
  fields: ['stops', 'outcome', 'note'],
  read: async ({ c, actor, hromadaId, person, t }) => {
    if (!can(actor, 'outreach.read')) return { personOutreach: null };
    const stops = await personStops(c, hromadaId, person.id);
    const conflicts = await personConflicts(c, hromadaId, person.id);
    if (!stops.length && !conflicts.length) return { personOutreach: null };
    return {
      personOutreach: {
        stops: stops.map((s) => ({
          href: `/outreach/trips/${s.trip_id}`,
          date: displayDate(s.trip_date),
          title: s.title,
          outcome: s.outcome ? t(`outreach.outcome.${s.outcome}`) : t('outreach.outcome.none'),
          note: s.note,
        })),
        conflicts: conflicts.map((k) => ({
          href: `/outreach/conflicts/${k.id}`,
          fields: Object.keys(k.device)
            .map((f) => t(`outreach.field.${f}`))
            .join(', '),
          worker: k.worker,
          status: t(`outreach.conflicts.${k.status}`),
        })),
      },
    };
  },
};
