import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { OrderStatus } from '../contract-rules.js';
import { ordersPage, type OrderRow, type OrderSort } from '../social-orders.queries.js';

export const ORDERS_PAGE_SIZE = 25;

/** A page of the hromada's social orders (organisations and money, no personal data: the read is not audited). */
export async function listSocialOrders(
  o: UseCase<{ filter: { status: OrderStatus | null; year: number | null; sort: OrderSort }; page: number }>,
): Promise<{ rows: OrderRow[]; total: number }> {
  return inTenant(o, 'socialOrders.read', ({ c, hromadaId }) =>
    ordersPage(c, hromadaId, o.filter, ORDERS_PAGE_SIZE, (o.page - 1) * ORDERS_PAGE_SIZE),
  );
}
