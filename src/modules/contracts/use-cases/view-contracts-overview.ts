import { addDays, kyivToday } from '../../../platform/dates.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { reassessmentDays } from '../../assessments/assessments.queries.js';
import { contractReach } from '../contracts.policy.js';
import { contractsPage, type ContractRow } from '../contracts.queries.js';
import { orderLines, ordersPage, type OrderLineRow, type OrderRow } from '../social-orders.queries.js';
import { CONTRACTS_PAGE_SIZE } from './list-contracts.js';

export interface ContractsOverview {
  today: string;
  year: number;
  /** Active contracts ending within the window, soonest first. */
  ending: { rows: ContractRow[]; total: number };
  reassessmentDays: number;
  /** This year's social orders past their draft, with their lines and the volume used (null: the role reads none). */
  orders: { order: OrderRow; lines: OrderLineRow[] }[] | null;
}

/**
 * The manager's view of delivery (issue 12 item 7): the providers' contracts ending within `days` (the re-assessment
 * of art. 22 marked where it is due) and this year's social orders with the volume used against the volume ordered.
 * The contracts name persons: a read that shows any is audited.
 */
export async function viewContractsOverview(o: UseCase<{ days: number; page: number }>): Promise<ContractsOverview> {
  return inTenant(o, 'contracts.read', async ({ c, actor, hromadaId, audit }) => {
    const today = kyivToday();
    const year = Number(today.slice(0, 4));
    const ending = await contractsPage(
      c,
      hromadaId,
      {
        agencyIds: contractReach(actor, 'contracts.read'),
        agencyId: null,
        personId: null,
        status: 'active',
        endingBy: { from: today, to: addDays(today, o.days) },
        sort: 'ends',
      },
      CONTRACTS_PAGE_SIZE,
      (o.page - 1) * CONTRACTS_PAGE_SIZE,
    );
    if (ending.rows.length) {
      await audit({
        action: 'contract.list',
        operation: 'read',
        entityType: 'contract',
        fields: ['contract'],
        reason: `results:${ending.rows.length};ending:${o.days}`,
      });
    }
    let orders: ContractsOverview['orders'] = null;
    if (can(actor, 'socialOrders.read')) {
      const page = await ordersPage(c, hromadaId, { status: null, year, sort: 'starts' }, 100, 0);
      const shown = page.rows.filter((r) => r.status !== 'draft');
      const lines = await orderLines(
        c,
        hromadaId,
        shown.map((r) => r.id),
      );
      orders = shown.map((order) => ({ order, lines: lines.filter((l) => l.order_id === order.id) }));
    }
    return { today, year, ending, reassessmentDays: await reassessmentDays(c, hromadaId), orders };
  });
}
