import { AppError, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOrder } from '../contracts.policy.js';
import { agencyCode, awardOrder, orderBids } from '../social-orders.queries.js';

/**
 * Records the competition's decision: its day and number, the evaluation, the winning bid and the provider of the
 * registry it is (whose code, when the registry has one, must be the bid's). The winner becomes the order's provider,
 * whose service acts count against the order. Audited.
 */
export async function awardSocialOrder(
  o: UseCase<{
    id: string;
    bidId: string;
    agencyId: number;
    decidedOn: string;
    decisionNumber: string;
    evaluationNote: string;
  }>,
): Promise<void> {
  return inTenant(o, 'socialOrders.manage', async ({ c, actor, hromadaId, audit }) => {
    const order = await requireOrder(c, actor, o.id, true);
    if (order.status !== 'procurement')
      throw new AppError('conflict', { messageKey: 'contracts.errors.notProcurement' });
    const problems: Problem[] = [];
    const bid = (await orderBids(c, hromadaId, order.id)).find((b) => b.id === o.bidId);
    if (!bid) problems.push({ field: 'bidId', key: 'contracts.v.winner' });
    const agency = await agencyCode(c, hromadaId, o.agencyId);
    if (!agency) problems.push({ field: 'agencyId', key: 'contracts.v.agency' });
    else if (bid && agency.code && agency.code !== bid.bidder_code)
      problems.push({ field: 'agencyId', key: 'contracts.v.winnerCode', params: { code: bid.bidder_code } });
    if (order.announced_on && o.decidedOn < order.announced_on)
      problems.push({ field: 'decidedOn', key: 'contracts.v.decidedBeforeAnnounced', href: '#decidedOn-day' });
    if (problems.length) throw new ValidationError(problems);
    await awardOrder(c, hromadaId, order.id, {
      bidId: o.bidId,
      agencyId: o.agencyId,
      decidedOn: o.decidedOn,
      decisionNumber: o.decisionNumber,
      note: o.evaluationNote,
      by: actor.userId,
    });
    await audit({
      action: 'socialOrder.award',
      operation: 'write',
      entityType: 'social_order',
      entityId: order.id,
      fields: ['procurement', 'provider'],
      reason: `bid:${o.bidId};agency:${o.agencyId}`,
    });
  });
}
