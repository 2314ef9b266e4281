import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCareFamily } from '../family-care.policy.js';
import { closeCareFamilyRow } from '../family-care.queries.js';

/**
 * Closes a family form of care (it stops, or candidates withdraw) with the day and the reason. Every placed child
 * must have left first; the day is not in the future nor before the decision. Audited.
 */
export async function closeCareFamily(
  o: UseCase<{ id: string; input: { on: string; reason: string } }>,
): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const f = await requireCareFamily(c, actor, 'care.write', o.id, true);
    if (f.stage === 'closed' || f.stage === 'refused')
      throw new AppError('conflict', { messageKey: 'care.errors.closed' });
    if (f.placed > 0) throw new AppError('conflict', { messageKey: 'care.errors.childrenPlaced' });
    const bad = (key: string) => new ValidationError([{ field: 'closedOn', key, href: '#closedOn-day' }]);
    if (o.input.on > kyivToday()) throw bad('care.v.future');
    if (f.decided_on && o.input.on < f.decided_on) throw bad('care.v.closedBeforeDecision');
    await closeCareFamilyRow(c, hromadaId, f.household_id, o.input.on, o.input.reason);
    await audit({
      action: 'care.close',
      operation: 'write',
      entityType: 'household',
      entityId: f.household_id,
      fields: ['stage'],
    });
  });
}
