import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireInvoice } from '../paid-services.policy.js';
import { insertPayment, loadInvoice, lockInvoice } from '../paid-services.queries.js';

/**
 * Records a payment of an invoice (a manager, or the provider of the invoice). More than the balance is refused, so
 * an invoice is never overpaid by a typing mistake. Audited.
 */
export async function recordPayment(o: UseCase<{ id: string; paidOn: string; amountKop: number }>): Promise<void> {
  return inTenant(o, 'billing.pay', async ({ c, actor, hromadaId, audit }) => {
    await requireInvoice(c, actor, 'billing.pay', o.id);
    await lockInvoice(c, hromadaId, o.id);
    const inv = await loadInvoice(c, hromadaId, o.id);
    if (!inv) throw problem('amount', 'paid.v.amount');
    if (o.amountKop <= 0) throw problem('amount', 'paid.v.amount');
    if (o.amountKop > inv.total_kop - inv.paid_kop) throw problem('amount', 'paid.v.overpaid');
    if (o.paidOn < inv.issued_on) throw problem('paidOn', 'paid.v.paidBeforeIssue');
    const id = await insertPayment(c, hromadaId, inv.id, o.paidOn, o.amountKop, actor.userId);
    await audit({
      action: 'billing.payment.record',
      operation: 'write',
      entityType: 'invoice',
      entityId: inv.id,
      fields: ['payments'],
      reason: `payment:${id}`,
    });
  });
}
