import { AppError } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { figureId, sendFigureRefresh } from '../../metrics/kept-figures.js';
import { askFigureRefresh } from '../../metrics/metrics.queries.js';
import { planIndicators } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { wantedFigures } from '../computed-values.js';

/**
 * «Перерахувати зараз» on a plan's dashboard: asks the background job to compute every figure of the plan's computed
 * indicators again (those asked for in the last minute are not asked twice). Needs the job runner.
 */
export async function refreshPlanFigures(o: UseCase<{ hooks: HookRegistry; id: string }>): Promise<void> {
  if (!o.services.jobs.isStarted) throw new AppError('unavailable');
  const r = await inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const plan = await requirePlan(c, hromadaId, o.id);
    const wanted = wantedFigures(o.hooks, plan, await planIndicators(c, hromadaId, Number(plan.id)));
    const figures = [
      ...new Map(wanted.map((w) => [figureId(w.metric.key, w.period), { key: w.metric.key, ...w.period }])).values(),
    ];
    // Those never asked for yet have nothing to mark: opening the dashboard asks for them.
    return { hromadaId, ask: await askFigureRefresh(c, hromadaId, figures, 60_000) };
  });
  await sendFigureRefresh(o.services, r.hromadaId, r.ask);
}
