import type { HookRegistry } from '../../../platform/modules.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { computeMetricWith, periodOf } from '../../metrics/metric.js';
import { metricsOf } from '../../metrics/metrics.registry.js';
import { history, planFunding, planGoals, planIndicators, taskNotes } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/**
 * A task of a plan: its goal, executors, period, funding, indicators with values, progress notes and history. A
 * computed indicator's actual value is computed now for each period that has a target and each year of the plan up
 * to this one (a frozen value stays as frozen).
 */
export async function viewTask(o: UseCase<{ hooks: HookRegistry; planId: string | number; taskId: string | number }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const { plan, task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    const planId = Number(plan.id);
    const taskId = Number(task.id);
    const goals = await planGoals(c, hromadaId, planId);
    const goal = goals.find((g) => g.id === task.goal_id) ?? null;
    const strategic = goals.find((g) => g.id === goal?.parent_id) ?? null;
    const metrics = metricsOf(o.hooks);
    const indicators = await planIndicators(c, hromadaId, planId, taskId);
    const thisYear = Number(kyivToday().slice(0, 4));
    const years: string[] = [];
    if (plan.period_from !== null && plan.period_to !== null)
      for (let y = plan.period_from; y <= Math.min(plan.period_to, thisYear); y++) years.push(String(y));
    for (const ind of indicators) {
      const metric = ind.metric_key ? metrics.get(ind.metric_key) : undefined;
      if (!metric) continue;
      const periods = [...new Set([...ind.values.map((v) => v.period), ...years])].sort();
      for (const key of periods) {
        const stored = ind.values.find((v) => v.period === key);
        if (stored?.frozen_at) continue;
        const period = periodOf(key);
        if (!period || period.from > kyivToday()) continue;
        const { total } = await computeMetricWith(c, metric, hromadaId, period, null);
        if (stored) stored.actual = String(total);
        else ind.values.push({ period: key, target: null, actual: String(total), frozen_at: null });
      }
      ind.values.sort((a, b) => a.period.localeCompare(b.period));
    }
    return {
      plan,
      task,
      goal,
      strategic,
      indicators,
      funding: await planFunding(c, hromadaId, planId, taskId),
      notes: await taskNotes(c, hromadaId, taskId),
      changes: await history(c, hromadaId, planId, taskId),
    };
  });
}
