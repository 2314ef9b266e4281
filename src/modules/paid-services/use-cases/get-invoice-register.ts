import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { invoiceRegister } from '../paid-services.documents.js';
import { agenciesInReach } from '../paid-services.policy.js';
import { invoicesOfMonth } from '../paid-services.queries.js';

/** A provider's register of the month's invoices as XLSX (within the actor's reach). Audited as an export. */
export async function getInvoiceRegister(o: UseCase<{ month: string; agencyId: number }>): Promise<Buffer> {
  return inTenant(o, 'billing.read', async ({ c, actor, hromadaId, audit }) => {
    const rows = await invoicesOfMonth(c, hromadaId, o.month, agenciesInReach(actor, o.agencyId));
    await audit({
      action: 'billing.invoices.export',
      operation: 'read',
      entityType: 'agency',
      entityId: String(o.agencyId),
      fields: ['invoice', 'payments'],
      reason: `month:${o.month} results:${rows.length}`,
    });
    return invoiceRegister(rows);
  });
}
