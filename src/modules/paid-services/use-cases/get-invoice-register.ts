import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { invoiceRegister } from '../paid-services.documents.js';
import { agenciesInReach } from '../paid-services.policy.js';
import { invoicesOfMonth } from '../paid-services.queries.js';

/** A provider's register of the month's invoices as XLSX; another provider's (for a provider): 404. Audited. */
export async function getInvoiceRegister(o: UseCase<{ month: string; agencyId: number }>): Promise<Buffer> {
  return inTenant(o, 'billing.read', async ({ c, actor, hromadaId, audit }) => {
    const agencyIds = agenciesInReach(actor, o.agencyId);
    if (agencyIds?.length === 0) throw new AppError('not_found');
    const rows = await invoicesOfMonth(c, hromadaId, o.month, agencyIds);
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
