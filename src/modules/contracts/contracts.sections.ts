/**
 * What this module adds to other pages: «Договори про надання послуг» on the person card (`personCardSections`) —
 * for the roles that read contracts (a provider's staff: their agency's) — and «Укласти договір» for those who make them.
 */
import { kyivToday } from '../../platform/dates.js';
import { can } from '../../platform/policy.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import { reassessmentDays } from '../assessments/assessments.queries.js';
import { presentContract } from './contracts.presenter.js';
import { listPersonContracts } from './use-cases/list-person-contracts.js';

export const personContractsSection: PersonCardSection = {
  template: 'contracts/views/person-contracts.njk',
  read: async ({ c, actor, audit, services, person, t, hromadaId }) => {
    const rows = await listPersonContracts({ services, actor, tx: c, audit, personId: person.id });
    const days = rows?.length ? await reassessmentDays(c, hromadaId) : 0;
    const today = kyivToday();
    return {
      personContracts: rows?.map((k) => presentContract(k, t, { today, reassessmentDays: days })) ?? null,
      canMakeContract: can(actor, 'contracts.manage') && !person.merged_into,
    };
  },
};
