import { can } from '../../../platform/policy.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { monthRange } from '../act-rules.js';
import { agencyScope, requireAgency } from '../service-acts.policy.js';
import {
  agencyInvoices,
  agencyMonthActs,
  agencyUse,
  agencyVolumes,
  agencyWorkers,
  type ActRow,
  type AgencyInvoices,
  type AgencyRow,
  type VolumeRow,
  type WorkerRow,
} from '../service-acts.queries.js';

export const ACTS_PAGE_SIZE = 50;

export interface ProviderMonth {
  agency: AgencyRow;
  use: { recipients: number; minutes: number; acts: number; all_acts: number };
  volumes: VolumeRow[];
  acts: { rows: ActRow[]; total: number };
  workers: WorkerRow[];
  canWrite: boolean;
  /** The month's invoices, to those who read the provider's billing (null to others). */
  invoices: AgencyInvoices | null;
}

/**
 * A provider's month: the capacity used (recipients with assignments being delivered against its places, hours
 * delivered against its hours a month), each recipient's volume against the plan and the contract, the month's acts
 * (paged), its workers and the month's invoices. Another hromada's or another provider's: 404. Audited as a read of the recipients' data.
 */
export async function viewProviderMonth(
  o: UseCase<{ agencyId: number; month: string; page: number }>,
): Promise<ProviderMonth> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId, audit }) => {
    const agency = await requireAgency(c, actor, 'acts.read', o.agencyId);
    const range = monthRange(o.month);
    const use = await agencyUse(c, hromadaId, { agencyId: agency.id, ...range });
    const volumes = await agencyVolumes(c, hromadaId, { agencyId: agency.id, ...range });
    const acts = {
      rows: await agencyMonthActs(c, hromadaId, {
        agencyId: agency.id,
        ...range,
        limit: ACTS_PAGE_SIZE,
        offset: (o.page - 1) * ACTS_PAGE_SIZE,
      }),
      total: use.all_acts,
    };
    await audit({
      action: 'serviceAct.month',
      operation: 'read',
      entityType: 'agency',
      entityId: String(agency.id),
      fields: ['serviceActs', 'volume'],
      reason: `month:${o.month};recipients:${volumes.length};acts:${acts.rows.length}`,
    });
    return {
      agency,
      use,
      volumes,
      acts,
      workers: await agencyWorkers(c, hromadaId, agency.id),
      canWrite: can(actor, 'acts.write', agencyScope(hromadaId, agency.id)),
      invoices: can(actor, 'billing.read', agencyScope(hromadaId, agency.id))
        ? await agencyInvoices(c, hromadaId, { agencyId: agency.id, month: o.month, today: kyivToday() })
        : null,
    };
  });
}
