import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { history, planFunding, planGoals, planIndicators, taskNotes } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/** A task of a plan: its goal, executors, period, funding, indicators with values, progress notes and history. */
export async function viewTask(o: UseCase<{ planId: string | number; taskId: string | number }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const planId = Number(plan.id);
    const taskId = Number(task.id);
    const goals = await planGoals(c, hromadaId, planId);
    const goal = goals.find((g) => g.id === task.goal_id) ?? null;
    const strategic = goals.find((g) => g.id === goal?.parent_id) ?? null;
    return {
      plan,
      task,
      goal,
      strategic,
      indicators: await planIndicators(c, hromadaId, planId, taskId),
      funding: await planFunding(c, hromadaId, planId, taskId),
      notes: await taskNotes(c, hromadaId, taskId),
      changes: await history(c, hromadaId, planId, taskId),
    };
  });
}
