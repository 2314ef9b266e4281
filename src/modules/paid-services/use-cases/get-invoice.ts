import { can } from '../../../platform/policy.js';
import { together } from '../../../platform/db.js';
import { canBePaidTo } from '../paid-rules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireInvoice, scopeOf } from '../paid-services.policy.js';
import {
  invoiceLines,
  invoicePayments,
  payeeSettings,
  type InvoiceRow,
  type LineRow,
  type PaymentRow,
} from '../paid-services.queries.js';

export interface InvoiceView {
  invoice: InvoiceRow;
  lines: LineRow[];
  payments: PaymentRow[];
  canPay: boolean;
  /** The payee's IBAN or ЄДРПОУ code is not set: the invoice cannot be paid as printed. */
  payeeMissing: boolean;
  /** May keep the payee's details (the warning then leads to them). */
  canManage: boolean;
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
    const [lines, payments, payee] = await together(
      c,
      () =>
        [
          invoiceLines(c, hromadaId, invoice.id),
          invoicePayments(c, hromadaId, invoice.id),
          payeeSettings(c, hromadaId),
        ] as const,
    );
    return {
      invoice,
      lines,
      payments,
      canPay: can(actor, 'billing.pay', scopeOf(hromadaId, invoice.agency_id)),
      payeeMissing: !canBePaidTo(payee),
      canManage: can(actor, 'billing.manage'),
    };
  });
}
