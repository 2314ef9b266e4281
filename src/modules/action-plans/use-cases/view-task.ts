import { serviceGroups } from '../../metrics/metrics.queries.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { fillComputedActuals } from '../computed-values.js';
import {
  history,
  hromadaServices,
  planFunding,
  planGoals,
  planIndicators,
  taskNotes,
} from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * A task of a plan: its goal, executors, period, funding, indicators with values, progress notes and history. A
 * computed indicator's actual value is the kept figure for each period that has a target and each year of the plan
 * up to this one (a frozen value stays as frozen).
 */
export async function viewTask(o: UseCase<{ hooks: HookRegistry; planId: string | number; taskId: string | number }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const planId = Number(plan.id);
    const taskId = Number(task.id);
    const goals = await planGoals(c, hromadaId, planId);
    const goal = goals.find((g) => g.id === task.goal_id) ?? null;
    const strategic = goals.find((g) => g.id === goal?.parent_id) ?? null;
    const indicators = await planIndicators(c, hromadaId, planId, taskId);
    const figures = await fillComputedActuals(c, o, hromadaId, plan, indicators);
    return {
      plan,
      task,
      goal,
      strategic,
      indicators,
      funding: await planFunding(c, hromadaId, planId, taskId),
      notes: await taskNotes(c, hromadaId, taskId),
      changes: await history(c, hromadaId, planId, taskId),
      figures,
      services: await hromadaServices(c, hromadaId),
      serviceGroups: await serviceGroups(c, hromadaId),
    };
  });
}
