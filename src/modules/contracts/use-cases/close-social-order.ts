import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOrder } from '../contracts.policy.js';
import { closeOrder } from '../social-orders.queries.js';

/** Closes an awarded social order on a day (not before its decision). Its volume used stays as counted. Audited. */
export async function closeSocialOrder(o: UseCase<{ id: string; closedOn: string }>): Promise<void> {
  return inTenant(o, 'socialOrders.manage', async ({ c, actor, hromadaId, audit }) => {
    const order = await requireOrder(c, actor, o.id, true);
    if (order.status !== 'awarded') throw new AppError('conflict', { messageKey: 'contracts.errors.notAwarded' });
    if (order.decided_on && o.closedOn < order.decided_on)
      throw problem('closedOn', 'contracts.v.closedBeforeDecision');
    await closeOrder(c, hromadaId, order.id, o.closedOn, actor.userId);
    await audit({
      action: 'socialOrder.close',
      operation: 'write',
      entityType: 'social_order',
      entityId: order.id,
      fields: ['socialOrder'],
    });
  });
}
