/** What this module adds to pages of other modules: the consents on the person card, with the form to record one. */
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { displayDate } from '../../platform/dates.js';
import { personConsents } from './consents.queries.js';

const LEGAL_BASES = ['consent', 'law', 'contract', 'vital_interests', 'public_task'] as const;

/** For the person card (`personCardSections`): the person's consents and the legal bases of the form. */
export const personCardSection: PersonCardSection = {
  template: 'consents/views/card-consents.njk',
  fields: ['consents'],
  read: async ({ c, person, t }) => ({
    consents: (await personConsents(c, person.id)).map((k) => ({
      id: k.id,
      purpose: k.purpose,
      legalBasis: t(`consents.basis.${k.legal_basis}`),
      scope: k.scope,
      textVersion: k.text_version,
      givenOn: displayDate(k.given_on),
      recordedBy: k.recorded_by_name ?? '—',
      withdrawnOn: displayDate(k.withdrawn_on),
      channel: t(`consents.channel.${k.channel}`),
    })),
    legalBases: LEGAL_BASES.map((v) => ({ value: v, text: t(`consents.basis.${v}`) })),
  }),
};
