import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { fieldChanges } from '../field-changes.js';
import { addHistory, updatePlanDocument, type PlanDocumentFields } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/**
 * Changes the plan's document: its title, the body that approved it, the act's number and date, and its years. The
 * history keeps what changed, before and after; an unchanged form changes nothing. Returns whether it changed.
 */
export async function editPlanDocument(o: UseCase<{ planId: string; input: PlanDocumentFields }>): Promise<boolean> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const before: Record<string, unknown> = {
      title: plan.title,
      approvedBy: plan.approved_by,
      actNumber: plan.act_number,
      actDate: plan.act_date,
      periodFrom: plan.period_from,
      periodTo: plan.period_to,
    };
    const after: Record<string, unknown> = { ...o.input };
    const changes = fieldChanges(before, after);
    if (!changes) return false;
    await updatePlanDocument(c, hromadaId, Number(plan.id), o.input);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'plan',
        entityId: plan.id,
        change: 'update',
        ...changes,
      },
      actor.userId,
    );
    await audit({ action: 'plans.update', operation: 'write', entityType: 'action_plan', entityId: plan.id });
    return true;
  });
}
