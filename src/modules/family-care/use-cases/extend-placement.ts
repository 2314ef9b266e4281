import { AppError, ValidationError } from '../../../platform/errors.js';
import { displayDate } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { longestTerm } from '../care-rules.js';
import { requireCurrentPlacement } from '../family-care.policy.js';
import { extendPlacementRow } from '../family-care.queries.js';

/**
 * Extends a patronat placement's term, with the reason: later than the term it has, and no later than six months
 * from the placement. Other forms have no term. Audited.
 */
export async function extendPlacement(
  o: UseCase<{ householdId: string; placementId: string; input: { untilOn: string; reason: string } }>,
): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const p = await requireCurrentPlacement(c, actor, 'care.write', o.householdId, o.placementId);
    if (p.form !== 'patronat' || !p.until_on) throw new AppError('conflict', { messageKey: 'care.errors.noTerm' });
    const bad = (key: string, params?: Record<string, unknown>) =>
      new ValidationError([{ field: 'untilOn', key, params, href: '#untilOn-day' }]);
    const longest = longestTerm(p.placed_on);
    if (o.input.untilOn <= p.until_on) throw bad('care.v.extendNotLater', { date: displayDate(p.until_on) });
    if (o.input.untilOn > longest) throw bad('care.v.extendTooLong', { date: displayDate(longest) });
    await extendPlacementRow(c, hromadaId, p.id, o.input.untilOn, o.input.reason);
    await audit({
      action: 'care.extend',
      operation: 'write',
      entityType: 'person',
      entityId: p.child_id,
      fields: ['placement'],
      reason: `placement:${p.id}`,
    });
  });
}
