import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { invoicePdfOf } from '../paid-services.documents.js';
import { requireInvoice } from '../paid-services.policy.js';

/** The invoice as a PDF for staff (another provider's or hromada's: 404). Audited. */
export async function getInvoicePdf(o: UseCase<{ id: string }>): Promise<{ number: string; pdf: Buffer }> {
  return inTenant(o, 'billing.read', async ({ c, actor, hromadaId, audit }) => {
    const inv = await requireInvoice(c, actor, 'billing.read', o.id);
    await audit({
      action: 'billing.invoice.pdf',
      operation: 'read',
      entityType: 'invoice',
      entityId: inv.id,
      fields: ['invoice', 'invoiceLines'],
    });
    return { number: inv.number, pdf: await invoicePdfOf(c, hromadaId, inv) };
  });
}
