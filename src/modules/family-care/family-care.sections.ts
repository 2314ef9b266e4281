/**
 * What this module adds to other pages: on the household card (`householdCardSections`) the household's family form
 * of care (its form, stage and children placed, with a link) — or, for those who keep them, the way to register the
 * household as candidates; on a placed child's case page (`caseSections`) the family the child lives with.
 */
import { displayDate } from '../../platform/dates.js';
import { can } from '../../platform/policy.js';
import type { CaseSection } from '../cases/cases.hooks.js';
import type { HouseholdCardSection } from '../households/households.hooks.js';
import { presentCareFamily } from './family-care.presenter.js';
import { loadCareFamily, placementOfCase } from './family-care.queries.js';

export const householdCareSection: HouseholdCardSection = {
  template: 'family-care/views/household-care.njk',
  read: async ({ c, actor, hromadaId, audit, household, t }) => {
    if (!can(actor, 'care.read')) return { householdCare: null };
    const row = await loadCareFamily(c, hromadaId, household.id);
    if (row)
      await audit({
        action: 'care.household',
        operation: 'read',
        entityType: 'household',
        entityId: household.id,
        fields: ['form', 'stage'],
      });
    return {
      householdCare: { family: row && presentCareFamily(row, t) },
      canRegisterCare: !row && can(actor, 'care.write') && household.head_person_id !== null,
    };
  },
};

export const caseCareSection: CaseSection = {
  template: 'family-care/views/case-care.njk',
  fields: ['placement'],
  read: async ({ c, actor, hromadaId, kase }) => {
    const p = await placementOfCase(c, hromadaId, kase.id);
    if (!p) return { casePlacement: null };
    const family = await loadCareFamily(c, hromadaId, p.household_id);
    return {
      casePlacement: {
        form: family?.form ?? null,
        carer: family?.head_name ?? null,
        href: can(actor, 'care.read') ? `/family-care/${p.household_id}#placement-${p.id}` : null,
        placed: displayDate(p.placed_on),
        basis: p.basis,
        until: displayDate(p.until_on),
        ended: displayDate(p.ended_on),
        endReason: p.end_reason,
      },
    };
  },
};
