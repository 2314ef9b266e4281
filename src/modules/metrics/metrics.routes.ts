import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { authorize, can } from '../../platform/policy.js';
import { kyivToday } from '../../platform/dates.js';
import { parseQuery } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { BREAKDOWNS, periodOf, type Breakdown, type Metric } from './metric.js';
import { isNarrowing, metricOf, metricsOf, narrowedKey } from './metrics.registry.js';
import { computeMetric } from './use-cases/compute-metric.js';
import { periodText } from './metrics.presenter.js';

const query = z.object({
  metric: z.string().max(80).optional().catch(undefined),
  period: z.string().max(7).optional().catch(undefined),
  breakdown: z
    .enum(['all', ...BREAKDOWNS] as ['all', ...Breakdown[]])
    .optional()
    .catch(undefined),
  service: z.string().max(60).refine(isNarrowing).optional().catch(undefined),
});

/** The label of a breakdown row: the data's own name, else the page's text for the key. */
export function rowLabel(t: TFunction, breakdown: Breakdown, key: string, label: string | null): string {
  if (key === 'unknown') return t('metrics.unknown');
  if (key === 'none') return t('metrics.noCategory');
  if (label) return label;
  if (['sex', 'age', 'channel', 'kind', 'outcome'].includes(breakdown)) {
    const k = `metrics.value.${breakdown}.${key}`;
    const text = t(k);
    return text === k ? key : text;
  }
  return key;
}

/** A figure as the page writes it: Ukrainian digit grouping, a decimal comma, a percent sign for shares. */
export const figure = (m: Metric, v: number) =>
  `${v.toLocaleString('uk-UA', { maximumFractionDigits: 2 })}${m.unit === 'percent' ? ' %' : ''}`;

/** The periods to choose from: this year and the two before, each whole, by half and by quarter. */
function periodItems(t: TFunction, chosen: string) {
  const y = Number(kyivToday().slice(0, 4));
  const items: { value: string; text: string; selected: boolean }[] = [];
  for (const year of [y, y - 1, y - 2])
    for (const k of [`${year}`, `${year}-H1`, `${year}-H2`, `${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`])
      items.push({ value: k, text: periodText(t, k), selected: k === chosen });
  return items;
}

/** /metrics: a metric, a period and a breakdown → the figure and its table. */
export function metricsRoutes(services: Services, hooks: HookRegistry) {
  return function (app: FastifyInstance) {
    app.get('/metrics', async (req, reply) => {
      authorize(req.actor, 'metrics.read');
      const all = metricsOf(hooks);
      const q = parseQuery(req, query);
      const chosenKey = q.ok ? q.data.metric : undefined;
      const base = chosenKey ? all.get(chosenKey) : undefined;
      // Narrowed to one service or a classifier group (a plan's indicator may be): the metric's rows of those only.
      const serviceId = q.ok && base?.breakdowns.includes('service') ? (q.data.service ?? null) : null;
      const metric = base && serviceId ? metricOf(all, narrowedKey(base.key, serviceId)) : base;
      const periodKey = (q.ok ? q.data.period : undefined) ?? kyivToday().slice(0, 4);
      const period = periodOf(periodKey);
      const asked = q.ok ? q.data.breakdown : undefined;
      // «Усі розрізи»: every breakdown the metric has, read in one pass; else the one chosen, if the metric has it.
      const breakdowns: Breakdown[] =
        asked === 'all' ? [...(metric?.breakdowns ?? [])] : asked && metric?.breakdowns.includes(asked) ? [asked] : [];
      let result: Awaited<ReturnType<typeof computeMetric>> | null = null;
      if (metric && period)
        result = await computeMetric({ ...useCaseOf(req, services), hooks, key: metric.key, period, breakdowns });
      noStore(reply);
      const t = req.t;
      const drill = metric?.personBased && period && can(req.actor, 'registry.read');
      return reply.page('metrics/views/metrics.njk', {
        personsHref:
          drill && base
            ? `/metrics/persons?metric=${base.key}${serviceId ? `&service=${encodeURIComponent(serviceId)}` : ''}&period=${periodKey}`
            : null,
        serviceId,
        narrowedTo: result?.narrowedTo ?? null,
        allServicesHref: base && serviceId ? `/metrics?metric=${base.key}&period=${periodKey}` : null,
        pageTitle: t('metrics.title'),
        metricItems: [
          { value: '', text: t('metrics.choose') },
          ...[...all.values()].map((m) => ({
            value: m.key,
            text: t(`metrics.m.${m.key}`),
            selected: m.key === base?.key,
          })),
        ],
        periodItems: periodItems(t, periodKey),
        breakdownItems: [
          { value: '', text: t('metrics.noBreakdown') },
          { value: 'all', text: t('metrics.allBreakdowns'), selected: asked === 'all' },
          ...(metric?.breakdowns ?? BREAKDOWNS).map((b) => ({
            value: b,
            text: t(`metrics.breakdown.${b}`),
            selected: b === asked,
          })),
        ],
        metric: metric
          ? {
              key: metric.key,
              title: t(`metrics.m.${base?.key ?? metric.key}`),
              description: t(`metrics.d.${base?.key ?? metric.key}`),
              unit: t(`metrics.unit.${metric.unit}`),
              personBased: metric.personBased,
            }
          : null,
        period: periodText(t, periodKey),
        badPeriod: !period,
        result:
          result && metric
            ? {
                total: figure(metric, result.total),
                // «1 особа», «3 особи», «5 осіб», «2,5 години»: the unit agrees with the figure.
                totalUnit: metric.unit === 'percent' ? '' : t(`metrics.unitN.${metric.unit}`, { count: result.total }),
                tables: result.results.map((r) => {
                  const b = r.breakdown as Breakdown;
                  return {
                    id: `metric-rows-${b}`,
                    breakdown: t(`metrics.breakdown.${b}`),
                    multi: b === 'category',
                    rows: r.rows.map((x) => ({
                      label: rowLabel(t, b, x.key, x.label),
                      value: figure(metric, x.value),
                    })),
                  };
                }),
              }
            : null,
      });
    });

    return Promise.resolve();
  };
}
