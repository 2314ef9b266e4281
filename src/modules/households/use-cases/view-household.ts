import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { householdMembers, type HouseholdRow, type MemberRow } from '../households.queries.js';
import { requireHousehold } from '../households.policy.js';
import type { TFunction } from 'i18next';
import type { Locale } from '../../../platform/i18n.js';
import type { HouseholdCardSection, HouseholdSectionView } from '../households.hooks.js';

export interface HouseholdView {
  household: HouseholdRow;
  members: MemberRow[];
  canWrite: boolean;
  /** The other modules' sections, in order (none for the API). */
  sections: HouseholdSectionView[];
}

/** One household with its members (present and former) and the other modules' sections; the read is audited. */
export async function viewHousehold(
  o: UseCase<{
    id: string;
    /** The card's sections (`householdCardSections`), read in this transaction. */
    page?: { sections: readonly HouseholdCardSection[]; t: TFunction; locale: Locale };
  }>,
): Promise<HouseholdView> {
  return inTenant(o, 'registry.read', async (work) => {
    const { c, actor, audit } = work;
    const { household, canWrite } = await requireHousehold(c, actor, 'registry.read', o.id);
    const members = await householdMembers(c, o.id);
    await audit({
      action: 'household.view',
      operation: 'read',
      entityType: 'household',
      entityId: o.id,
      fields: ['address', 'members'],
    });
    const sections: HouseholdSectionView[] = [];
    const page = o.page;
    if (page)
      for (const s of page.sections)
        sections.push({
          template: s.template,
          data: await s.read({ ...work, services: o.services, household, t: page.t, locale: page.locale }),
        });
    return { household, members, canWrite, sections };
  });
}
