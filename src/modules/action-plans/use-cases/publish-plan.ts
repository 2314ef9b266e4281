import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addHistory, setPlanStatus } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';

/** Publishes a plan on the hromada's public page (or takes it off); the history keeps the change. */
export async function publishPlan(o: UseCase<{ id: string; publish: boolean }>): Promise<void> {
  return inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.id);
    const status = o.publish ? 'published' : 'draft';
    if (plan.status === status) return;
    await setPlanStatus(c, hromadaId, Number(plan.id), status);
    await addHistory(
      c,
      hromadaId,
      {
        planId: Number(plan.id),
        taskId: null,
        entity: 'plan',
        entityId: plan.id,
        change: 'update',
        before: { published: plan.status },
        after: { published: status },
      },
      actor.userId,
    );
    await audit({ action: 'plans.publish', operation: 'write', entityType: 'action_plan', entityId: plan.id });
  });
}
