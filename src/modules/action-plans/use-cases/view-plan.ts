import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { history, hromadaCode, planGoals, planIndicators, planTasks } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { planReports } from '../reports.queries.js';

/** A plan with its goals, tasks (effective status: overdue when the period ended), indicators, latest changes and monitoring reports. */
export async function viewPlan(o: UseCase<{ id: string | number }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const plan = await requirePlan(c, hromadaId, o.id);
    const id = Number(plan.id);
    const goals = await planGoals(c, hromadaId, id);
    const tasks = await planTasks(c, hromadaId, id);
    const indicators = await planIndicators(c, hromadaId, id);
    const changes = await history(c, hromadaId, id, null, 20);
    const reports = await planReports(c, hromadaId, id);
    return { plan, goals, tasks, indicators, changes, reports, hromadaCode: await hromadaCode(c, hromadaId) };
  });
}
