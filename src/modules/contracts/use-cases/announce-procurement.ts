import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOrder } from '../contracts.policy.js';
import { announceOrder } from '../social-orders.queries.js';

/** Announces the competition for a drafted social order: the day, the announcement's number and where it was published. Audited. */
export async function announceProcurement(
  o: UseCase<{ id: string; announcedOn: string; announcementNumber: string; announcementPlace: string }>,
): Promise<void> {
  return inTenant(o, 'socialOrders.manage', async ({ c, actor, hromadaId, audit }) => {
    const order = await requireOrder(c, actor, o.id, true);
    if (order.status !== 'draft') throw new AppError('conflict', { messageKey: 'contracts.errors.notDraft' });
    await announceOrder(c, hromadaId, order.id, {
      on: o.announcedOn,
      number: o.announcementNumber,
      place: o.announcementPlace,
      by: actor.userId,
    });
    await audit({
      action: 'socialOrder.announce',
      operation: 'write',
      entityType: 'social_order',
      entityId: order.id,
      fields: ['procurement'],
    });
  });
}
