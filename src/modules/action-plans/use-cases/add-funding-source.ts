import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, insertFundingSource } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';
import type { FundingKind } from '../plan-format.js';

/**
 * Adds a funding source to a task (its kind — local, state, oblast budget, international technical assistance, other
 * — and its name as the plan writes it), so that amounts by year can be entered for it. The history keeps it.
 */
export async function addFundingSource(
  o: UseCase<{ planId: string; taskId: string; input: { kind: FundingKind; source: string } }>,
): Promise<string> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const id = await insertFundingSource(c, hromadaId, Number(task.id), o.input);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: Number(task.id),
        entity: 'funding',
        entityId: id,
        change: 'add',
        before: null,
        after: { source: o.input.source, kind: o.input.kind },
      },
      actor.userId,
    );
    await audit({ action: 'plans.funding.add', operation: 'write', entityType: 'plan_task', entityId: task.id });
    return id;
  });
}
