import { can } from '../../../platform/policy.js';
import { canBePaidTo } from '../paid-rules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agenciesInReach } from '../paid-services.policy.js';
import { together } from '../../../platform/db.js';
import { agencyChoices, invoicesOfMonth, payeeSettings, type InvoiceRow } from '../paid-services.queries.js';

export interface InvoiceList {
  rows: InvoiceRow[];
  /** The providers the actor may filter by (its own only, for a provider). */
  agencies: { id: number; name: string }[];
  canRun: boolean;
  /** The payee's IBAN or ЄДРПОУ code is not set: the invoices cannot be paid as printed. */
  payeeMissing: boolean;
}

/**
 * The month's invoices within the actor's reach (a provider: its own agency's), of one provider when asked. Another
 * provider asked by a provider gives an empty list. The read is audited. It also tells when the payee's details that an
 * invoice needs to be paid are missing.
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
    const canRun = can(actor, 'billing.manage');
    const [all, payee] = await together(c, () => [agencyChoices(c, hromadaId), payeeSettings(c, hromadaId)] as const);
    return {
      rows,
      agencies: reach === null ? all : all.filter((a) => reach.includes(a.id)),
      canRun,
      payeeMissing: !canBePaidTo(payee),
    };
  });
}
