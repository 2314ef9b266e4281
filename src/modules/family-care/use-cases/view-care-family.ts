import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { findPeople, type PersonChoice } from '../../persons/person-choices.js';
import type { CareIntervals } from '../care-rules.js';
import { requireCareFamily } from '../family-care.policy.js';
import {
  careIntervals,
  familyPlacements,
  placementVisits,
  type CareFamilyRow,
  type CareVisitRow,
  type PlacementRow,
} from '../family-care.queries.js';

export interface CareFamilyView {
  family: CareFamilyRow;
  placements: PlacementRow[];
  visits: CareVisitRow[];
  intervals: CareIntervals;
  /** May take the candidates' steps, place children, end placements, close (care.write). */
  canWrite: boolean;
  /** May record visits and reviews (care.visit). */
  canVisit: boolean;
  /** May see the children's cases (cases.read; a placed child's case is not restricted). */
  canReadCases: boolean;
  /** Registry persons matching the placement form's search (`q`). */
  found: PersonChoice[] | null;
}

/**
 * The page of a family form of care: the family and its candidates' path, the children placed (current and
 * former) with their cases, and each placement's visits and reviews. One transaction, one audited read.
 */
export async function viewCareFamily(o: UseCase<{ id: string; q?: string }>): Promise<CareFamilyView> {
  return inTenant(o, 'care.read', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const family = await requireCareFamily(c, actor, 'care.read', o.id);
    const placements = await familyPlacements(c, hromadaId, family.household_id);
    const canWrite = can(actor, 'care.write');
    await audit({
      action: 'care.view',
      operation: 'read',
      entityType: 'household',
      entityId: family.household_id,
      fields: ['form', 'stage', 'candidate', 'placements', 'visits'],
      reason: `placements:${placements.length}`,
    });
    return {
      family,
      placements,
      visits: await placementVisits(
        c,
        hromadaId,
        placements.map((p) => p.id),
      ),
      intervals: await careIntervals(c, hromadaId),
      canWrite,
      canVisit: can(actor, 'care.visit'),
      canReadCases: can(actor, 'cases.read'),
      found:
        canWrite && family.stage === 'active' && o.q ? await findPeople({ ...work, services: o.services }, o.q) : null,
    };
  });
}
