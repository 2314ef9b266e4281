import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CareIntervals } from '../care-rules.js';
import { careIntervals, saveCareIntervals } from '../family-care.queries.js';

/**
 * Sets the hromada's intervals; the due days of every current placement follow at once (they are computed from the
 * last visit or review). Audited (an administrative change, with the days before and after).
 */
export async function saveCareSettings(o: UseCase<{ intervals: CareIntervals }>): Promise<void> {
  return inTenant(o, 'care.manage', async ({ c, hromadaId, audit }) => {
    const before = await careIntervals(c, hromadaId);
    await saveCareIntervals(c, hromadaId, o.intervals);
    const text = (i: CareIntervals) => `${i.visitDays}/${i.patronatVisitDays}/${i.reviewDays}`;
    await audit({
      action: 'care.settings',
      operation: 'write',
      entityType: 'hromada',
      entityId: String(hromadaId),
      fields: ['intervals'],
      reason: `${text(before)} -> ${text(o.intervals)}`,
    });
  });
}
