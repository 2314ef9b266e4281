/**
 * What this module adds to pages of other modules: «Випадки» on the person card (`personCardSections`) and on
 * the household card (`householdCardSections`), and the case of a granted application on the staff application page (`applicationSections`).
 */
import { can } from '../../platform/policy.js';
import type { ApplicationSection } from '../applications/applications.hooks.js';
import type { PersonCardSection } from '../persons-web/persons-web.hooks.js';
import type { HouseholdCardSection } from '../households/households.hooks.js';
import { CASE_FROM_APPLICATION } from './case-machine.js';
import { presentCaseItem } from './cases.presenter.js';
import { caseOfApplication, isOnTeam } from './cases.queries.js';
import { listPersonCases } from './use-cases/list-person-cases.js';
import { listHouseholdCases } from './use-cases/list-household-cases.js';

/** The person's cases (`personCases`: null when the role does not read cases) and whether a case may be opened. */
export const personCardSection: PersonCardSection = {
  template: 'cases/views/person-cases.njk',
  read: async ({ c, actor, audit, services, person, t, locale }) => {
    const rows = await listPersonCases({ services, actor, tx: c, audit, personId: person.id });
    return {
      personCases: rows?.map((k) => presentCaseItem(k, t, locale)) ?? null,
      canOpenCase: can(actor, 'cases.write') && !person.merged_into,
    };
  },
};

/** The household's cases (`householdCases`: null when the role does not read cases) and whether one may be opened. */
export const householdCardSection: HouseholdCardSection = {
  template: 'cases/views/household-cases.njk',
  read: async ({ c, actor, audit, services, household, t, locale }) => {
    const rows = await listHouseholdCases({ services, actor, tx: c, audit, householdId: household.id });
    return {
      householdCases: rows?.map((k) => presentCaseItem(k, t, locale)) ?? null,
      canOpenHouseholdCase: can(actor, 'cases.write'),
    };
  },
};

/**
 * On the page of a granted application: its case (a link), or the way to open one. Nothing for a
 * role without cases, an application not granted or without a confirmed person; a restricted case
 * is shown only to its team (to others the application seems to have none, and opening one is refused).
 */
export const applicationSection: ApplicationSection = {
  key: 'caseSection',
  pageOnly: true,
  read: async ({ c, actor, hromadaId, application: a }) => {
    if (!can(actor, 'cases.read') || !CASE_FROM_APPLICATION.includes(a.status) || a.person_id === null) return null;
    const k = await caseOfApplication(c, hromadaId, a.id);
    if (k && k.restricted && !(await isOnTeam(c, hromadaId, k.id, actor.userId))) return null;
    return {
      case: k && { href: `/cases/${k.id}`, number: k.number },
      openHref: !k && can(actor, 'cases.write') ? `/cases/new?applicationId=${a.id}` : null,
    };
  },
};
