import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agenciesOf, type AgencyOption } from '../../assignments/assignments.queries.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import type { CaseRow } from '../cases.queries.js';
import {
  caseStaff,
  catalogueServices,
  loadPlan,
  planItems,
  type PlanItemRow,
  type PlanRow,
  type ServiceOption,
  type StaffOption,
} from '../plan.queries.js';

export interface PlanForm {
  row: CaseRow;
  plan: PlanRow | null;
  items: PlanItemRow[];
  services: ServiceOption[];
  agencies: AgencyOption[];
  staff: StaffOption[];
}

/**
 * The plan form of an open case: the current plan and items, the catalogue's services, the hromada's agencies and
 * its case workers to choose from. A closed case's plan is not edited (409). The read is audited.
 */
export async function getPlanForm(o: UseCase<{ id: string }>): Promise<PlanForm> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id);
    requireOpen(row);
    const items = await planItems(c, hromadaId, row.id);
    const active = await agenciesOf(c, hromadaId);
    // An item's provider that has since become inactive stays selectable for that item (it keeps it).
    const kept = new Map<number, string>();
    for (const i of items)
      if (i.agency_id !== null && !active.some((g) => g.id === i.agency_id)) kept.set(i.agency_id, i.agency_name ?? '');
    const form: PlanForm = {
      row,
      plan: await loadPlan(c, hromadaId, row.id),
      items,
      services: await catalogueServices(c, hromadaId),
      agencies: [...active, ...[...kept].map(([id, name]) => ({ id, name }))],
      staff: await caseStaff(c, hromadaId),
    };
    await audit({
      action: 'case.plan.view',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['subject', 'plan', 'planItems', 'personWords'],
      reason: row.restricted ? 'restricted' : undefined,
    });
    return form;
  });
}
