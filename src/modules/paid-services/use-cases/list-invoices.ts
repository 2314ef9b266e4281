import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agenciesInReach } from '../paid-services.policy.js';
import { agencyChoices, invoicesOfMonth, type InvoiceRow } from '../paid-services.queries.js';

export interface InvoiceList {
  rows: InvoiceRow[];
  /** The providers the actor may filter by (its own only, for a provider). */
  agencies: { id: number; name: string }[];
  canRun: boolean;
}

/**
 * The month's invoices within the actor's reach (a provider: its own agency's), of one provider when asked. Another
 * provider asked by a provider gives an empty list. The read is audited.
 */
export async function listInvoices(
  o: UseCase<{ month: string; agencyId?: number; action?: string }>,
): Promise<InvoiceList> {
  return inTenant(o, 'billing.read', async ({ c, actor, hromadaId, audit }) => {
    const agencyIds = agenciesInReach(actor, o.agencyId);
    const rows = await invoicesOfMonth(c, hromadaId, o.month, agencyIds);
    await audit({
      action: o.action ?? 'billing.invoices.list',
      operation: 'read',
      entityType: 'invoice',
      fields: ['invoice'],
      reason: `month:${o.month} results:${rows.length}`,
    });
    const reach = agenciesInReach(actor, undefined);
    const all = await agencyChoices(c, hromadaId);
    return {
      rows,
      agencies: reach === null ? all : all.filter((a) => reach.includes(a.id)),
      canRun: can(actor, 'billing.manage'),
    };
  });
}
