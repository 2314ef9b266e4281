import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { EndReason } from '../care-rules.js';
import { requireCurrentPlacement } from '../family-care.policy.js';
import { endPlacementRow } from '../family-care.queries.js';

/**
 * Ends a placement: the day the child left (not in the future, not before the placement) and why — back to the
 * birth family, adoption, guardianship, another family, an institution, came of age, or another reason told in
 * words. The child's case stays open for its manager to close (the closure may need approval). Audited.
 */
export async function endPlacement(
  o: UseCase<{
    householdId: string;
    placementId: string;
    input: { endedOn: string; reason: EndReason; note?: string };
  }>,
): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const p = await requireCurrentPlacement(c, actor, 'care.write', o.householdId, o.placementId);
    const i = o.input;
    const problems: Problem[] = [];
    if (i.endedOn > kyivToday()) problems.push({ field: 'endedOn', key: 'care.v.future', href: '#endedOn-day' });
    else if (i.endedOn < p.placed_on)
      problems.push({ field: 'endedOn', key: 'care.v.endBeforePlacement', href: '#endedOn-day' });
    if (i.reason === 'other' && !i.note) problems.push({ field: 'endNote', key: 'care.v.endNote' });
    if (problems.length) throw new ValidationError(problems);
    await endPlacementRow(c, hromadaId, p.id, { on: i.endedOn, reason: i.reason, note: i.note ?? null });
    await audit({
      action: 'care.endPlacement',
      operation: 'write',
      entityType: 'person',
      entityId: p.child_id,
      fields: ['placement'],
      reason: `placement:${p.id}`,
    });
  });
}
