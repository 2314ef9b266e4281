import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAgency } from '../service-acts.policy.js';
import { cancelAct, loadAct } from '../service-acts.queries.js';

/** Cancels a mistaken act with a reason (never deleted: an invoice may count it); returns its provider. Audited. */
export async function cancelServiceAct(o: UseCase<{ id: string; reason: string }>): Promise<number> {
  return inTenant(o, 'acts.write', async ({ c, actor, hromadaId, audit }) => {
    const act = await loadAct(c, hromadaId, o.id);
    if (!act) throw new AppError('not_found');
    await requireAgency(c, actor, 'acts.write', act.agency_id);
    if (!(await cancelAct(c, hromadaId, act.id, actor.userId, o.reason)))
      throw new AppError('conflict', { messageKey: 'acts.alreadyCancelled' });
    await audit({
      action: 'serviceAct.cancel',
      operation: 'write',
      entityType: 'person',
      entityId: act.person_id,
      fields: ['serviceActs'],
      reason: `act:${act.id}`,
    });
    return act.agency_id;
  });
}
