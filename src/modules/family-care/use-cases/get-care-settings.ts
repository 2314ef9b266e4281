import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CareIntervals } from '../care-rules.js';
import { careIntervals } from '../family-care.queries.js';

/** The hromada's intervals of visits and reviews of placements (no personal data: not audited as a read). */
export async function getCareSettings(o: UseCase): Promise<CareIntervals> {
  return inTenant(o, 'care.manage', ({ c, hromadaId }) => careIntervals(c, hromadaId));
}
