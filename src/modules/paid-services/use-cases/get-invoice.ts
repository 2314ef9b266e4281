import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireInvoice, scopeOf } from '../paid-services.policy.js';
import {
  invoiceLines,
  invoicePayments,
  type InvoiceRow,
  type LineRow,
  type PaymentRow,
} from '../paid-services.queries.js';

export interface InvoiceView {
  invoice: InvoiceRow;
  lines: LineRow[];
  payments: PaymentRow[];
  canPay: boolean;
}

/** An invoice with its lines and payments (another provider's or hromada's: 404). The read is audited. */
export async function getInvoice(o: UseCase<{ id: string; action?: string }>): Promise<InvoiceView> {
  return inTenant(o, 'billing.read', async ({ c, actor, hromadaId, audit }) => {
    const invoice = await requireInvoice(c, actor, 'billing.read', o.id);
    await audit({
      action: o.action ?? 'billing.invoice.view',
      operation: 'read',
      entityType: 'invoice',
      entityId: invoice.id,
      fields: ['invoice', 'invoiceLines', 'payments'],
    });
    return {
      invoice,
      lines: await invoiceLines(c, hromadaId, invoice.id),
      payments: await invoicePayments(c, hromadaId, invoice.id),
      canPay: can(actor, 'billing.pay', scopeOf(hromadaId, invoice.agency_id)),
    };
  });
}
