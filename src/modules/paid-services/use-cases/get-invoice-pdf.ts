import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { invoicePdf } from '../paid-services.documents.js';
import { requireInvoice } from '../paid-services.policy.js';
import { hromadaDetails, invoiceLines, payeeSettings } from '../paid-services.queries.js';

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
    const pdf = invoicePdf(
      inv,
      await invoiceLines(c, hromadaId, inv.id),
      await hromadaDetails(c, hromadaId),
      await payeeSettings(c, hromadaId),
    );
    return { number: inv.number, pdf: await pdf };
  });
}
