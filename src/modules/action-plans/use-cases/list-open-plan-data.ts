import type { HookRegistry } from '../../../platform/modules.js';
import type { Services } from '../../../services.js';
import { listPlans, planFunding, planIndicators, planTasks } from '../action-plans.queries.js';
import { inPublicHromada } from '../action-plans.public.js';
import { fillComputedActuals } from '../computed-values.js';
import { countsPersons, isSuppressed } from '../dashboard.presenter.js';
import { metricOf, metricsOf } from '../../metrics/metrics.registry.js';

/**
 * The published plans of a hromada as open data rows: each indicator's target and actual per period (an actual that
 * counts 1–4 persons is withheld and marked) and each funding source's planned and actual amounts per year.
 */
export async function listOpenPlanData(o: { services: Services; hooks: HookRegistry; code: string }) {
  const metrics = metricsOf(o.hooks);
  const personMetric = (key: string) =>
    ['persons', 'families', 'children'].includes(metricOf(metrics, key)?.unit ?? '');
  return inPublicHromada(o.services, o.code, async (c, hromada) => {
    const plans = (await listPlans(c, hromada.id, 1000, 0, true)).rows;
    const indicators: Record<string, string | number | boolean | null>[] = [];
    const funding: Record<string, string | number | boolean | null>[] = [];
    let computedAt = new Date();
    for (const plan of plans) {
      const id = Number(plan.id);
      const code = new Map((await planTasks(c, hromada.id, id)).map((t) => [t.id, t.code]));
      const inds = await planIndicators(c, hromada.id, id);
      const { at } = await fillComputedActuals(c, o, hromada.id, plan, inds);
      if (at && at < computedAt) computedAt = at;
      for (const i of inds) {
        const persons = countsPersons(i, personMetric);
        for (const v of i.values) {
          const hidden = persons && isSuppressed(v.actual);
          indicators.push({
            plan_id: id,
            plan_title: plan.title,
            task_code: code.get(i.task_id) ?? '',
            indicator: i.name,
            unit: i.unit,
            source: i.source,
            period: v.period,
            target: v.target === null ? null : Number(v.target),
            actual: v.actual === null || hidden ? null : Number(v.actual),
            actual_suppressed: hidden,
          });
        }
      }
      for (const f of await planFunding(c, hromada.id, id))
        for (const a of f.amounts)
          funding.push({
            plan_id: id,
            plan_title: plan.title,
            task_code: code.get(f.task_id) ?? '',
            kind: f.kind,
            source: f.source_text,
            year: a.year,
            planned: a.planned === null ? null : Number(a.planned),
            actual: a.actual === null ? null : Number(a.actual),
          });
    }
    return { hromada, plans, indicators, funding, computedAt };
  });
}
