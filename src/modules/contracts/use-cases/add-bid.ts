import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOrder } from '../contracts.policy.js';
import { insertBid } from '../social-orders.queries.js';

/** Records a bid of the running competition: the bidder's name and code, the price offered and its score. Audited. */
export async function addBid(
  o: UseCase<{ id: string; bidderName: string; bidderCode: string; price: number; score?: number }>,
): Promise<void> {
  return inTenant(o, 'socialOrders.manage', async ({ c, actor, hromadaId, audit }) => {
    const order = await requireOrder(c, actor, o.id, true);
    if (order.status !== 'procurement')
      throw new AppError('conflict', { messageKey: 'contracts.errors.notProcurement' });
    const bidId = await insertBid(
      c,
      hromadaId,
      order.id,
      { name: o.bidderName, code: o.bidderCode, price: o.price, score: o.score ?? null },
      actor.userId,
    );
    await audit({
      action: 'socialOrder.bid',
      operation: 'write',
      entityType: 'social_order',
      entityId: order.id,
      fields: ['bids'],
      reason: `bid:${bidId}`,
    });
  });
}
