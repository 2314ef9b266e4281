import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOrder } from '../contracts.policy.js';
import { agencyChoices } from '../contracts.queries.js';
import { orderBids, orderLines, type BidRow, type OrderLineRow, type OrderRow } from '../social-orders.queries.js';

export interface OrderView {
  order: OrderRow;
  lines: OrderLineRow[];
  bids: BidRow[];
  /** The providers to name as the winner (for those who manage orders, while the procurement runs). */
  agencies: { id: number; name: string }[];
  canManage: boolean;
}

/** A social order's page: lines with the volume used, the procurement with its bids and decision. Not audited. */
export async function viewSocialOrder(o: UseCase<{ id: string }>): Promise<OrderView> {
  return inTenant(o, 'socialOrders.read', async ({ c, actor, hromadaId }) => {
    const order = await requireOrder(c, actor, o.id);
    const canManage = can(actor, 'socialOrders.manage');
    return {
      order,
      lines: await orderLines(c, hromadaId, [order.id]),
      bids: await orderBids(c, hromadaId, order.id),
      agencies: canManage && order.status === 'procurement' ? await agencyChoices(c, hromadaId) : [],
      canManage,
    };
  });
}
