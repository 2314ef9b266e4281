import type { TFunction } from 'i18next';
import { barChartSvg, svgDataUrl } from '../../platform/charts.js';
import { kyivToday } from '../../platform/dates.js';
import { periodOf } from '../metrics/metric.js';
import { FUNDING_KINDS } from './plan-format.js';
import {
  TASK_STATUSES,
  type FundingRow,
  type GoalRow,
  type IndicatorRow,
  type TaskRow,
} from './action-plans.queries.js';
import { periodText } from '../metrics/metrics.presenter.js';
import { unitFits } from '../metrics/metrics.registry.js';

export type Light = 'green' | 'amber' | 'red' | 'grey';

/** At least this share of the target is «close» (amber); below it, red. */
export const AMBER_FROM = 0.75;

/**
 * An indicator's traffic light for the period it is judged on: the latest period with a target that has begun (else
 * the first with a target). Green when the actual reaches the target, amber from 75 %, red below; grey without a
 * target or without an actual — each with the reason in words.
 */
export function indicatorLight(i: IndicatorRow, today = kyivToday()) {
  const targeted = i.values.filter((v) => v.target !== null);
  const begun = targeted.filter((v) => (periodOf(v.period)?.from ?? '9999') <= today);
  const judged = begun[begun.length - 1] ?? targeted[0];
  if (!judged)
    return { light: 'grey' as Light, period: null, target: null, actual: null, share: null, reason: 'noTarget' };
  const target = Number(judged.target);
  const actual = judged.actual === null ? null : Number(judged.actual);
  if (actual === null)
    return { light: 'grey' as Light, period: judged.period, target, actual, share: null, reason: 'noActual' };
  const { light, share } = lightOf(target, actual);
  return { light, period: judged.period, target, actual, share, reason: light };
}

/** The light of an actual against its target: green when it reaches it, amber from 75 %, red below. */
export function lightOf(target: number, actual: number): { light: Light; share: number } {
  const share = target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  return { light: share >= 1 ? 'green' : share >= AMBER_FROM ? 'amber' : 'red', share };
}

const n = (v: number) => v.toLocaleString('uk-UA', { maximumFractionDigits: 2 });

/** Counts fewer than this many persons are not shown publicly (decision 0031). */
export const SMALL_COUNT = 5;

/**
 * Whether an indicator counts persons (families, children): bound to a person-based metric, or measured in a unit of
 * persons. Its public figures below SMALL_COUNT are suppressed.
 */
export function countsPersons(i: IndicatorRow, personMetric: (key: string) => boolean): boolean {
  if (i.metric_key) return personMetric(i.metric_key);
  const unit = (i.unit ?? '').trim().toLowerCase();
  return unit !== '' && (unitFits(unit, 'persons') || unitFits(unit, 'families') || unitFits(unit, 'children'));
}

/** An actual value shown publicly: a count of 1–4 persons is suppressed (0 is shown: it reveals no one). */
export const isSuppressed = (actual: string | null) =>
  actual !== null && Number(actual) > 0 && Number(actual) < SMALL_COUNT;

export function presentDashboard(
  d: { goals: GoalRow[]; tasks: TaskRow[]; indicators: IndicatorRow[]; funding: FundingRow[] },
  t: TFunction,
  planId: string,
  publicView: { personMetric: (key: string) => boolean; base: string } | null = null,
) {
  const strategic = d.goals.filter((g) => g.parent_id === null);
  const goalOf = new Map(d.goals.map((g) => [g.id, g.parent_id ?? g.id]));
  const byGoal = strategic.map((s) => {
    const tasks = d.tasks.filter((x) => goalOf.get(x.goal_id) === s.id);
    return {
      label: `${s.code}. ${s.title}`,
      counts: TASK_STATUSES.map((st) => tasks.filter((x) => x.effective_status === st).length),
      total: tasks.length,
    };
  });
  const statusNames = TASK_STATUSES.map((s) => t(`plans.status.${s}`));
  const tasksChart = svgDataUrl(
    barChartSvg({
      title: t('plans.dash.tasksChart'),
      categories: byGoal.map((g) => g.label),
      series: TASK_STATUSES.map((s, k) => ({ name: statusNames[k], data: byGoal.map((g) => g.counts[k]) })),
      stacked: true,
    }),
  );
  const taskOf = new Map(d.tasks.map((x) => [x.id, x]));
  const indicators = d.indicators.map((i) => {
    const task = taskOf.get(i.task_id);
    const hide = publicView !== null && countsPersons(i, publicView.personMetric);
    const shown = hide
      ? { ...i, values: i.values.map((v) => (isSuppressed(v.actual) ? { ...v, actual: null } : v)) }
      : i;
    const l = indicatorLight(shown);
    const suppressed =
      hide && l.period !== null && isSuppressed(i.values.find((v) => v.period === l.period)?.actual ?? null);
    return {
      name: i.name,
      unit: i.unit ?? '',
      task: task ? `${task.code} ${task.title}` : '',
      href: task && !publicView ? `/action-plans/${planId}/tasks/${task.id}#indicators` : '',
      computed: i.source === 'computed',
      light: l.light,
      lightText: t(`plans.dash.light.${l.light}`),
      period: l.period ? periodText(t, l.period) : '—',
      target: l.target === null ? '—' : n(l.target),
      actual: suppressed ? t('plans.dash.fewerThan', { n: SMALL_COUNT }) : l.actual === null ? '—' : n(l.actual),
      reason: t(`plans.dash.reason.${suppressed ? 'suppressed' : l.reason}`, {
        actual: l.actual === null ? '' : n(l.actual),
        target: l.target === null ? '' : n(l.target),
        share: l.share === null ? '' : Math.round(l.share * 100),
      }),
    };
  });
  const lights = { green: 0, amber: 0, red: 0, grey: 0 } as Record<Light, number>;
  for (const i of indicators) lights[i.light]++;
  const overdue = d.tasks
    .filter((x) => x.effective_status === 'overdue')
    .map((x) => ({
      code: x.code,
      title: x.title,
      period: x.period_text ?? '',
      href: `/action-plans/${planId}/tasks/${x.id}`,
    }));
  // Funding planned and spent by kind of source and year.
  const years = [...new Set(d.funding.flatMap((f) => f.amounts.map((a) => a.year)))].sort();
  const funding = FUNDING_KINDS.map((kind) => {
    const rows = d.funding.filter((f) => f.kind === kind);
    const perYear = years.map((y) => {
      const amounts = rows.flatMap((f) => f.amounts.filter((a) => a.year === y));
      return {
        planned: amounts.reduce((s, a) => s + Number(a.planned ?? 0), 0),
        actual: amounts.reduce((s, a) => s + Number(a.actual ?? 0), 0),
      };
    });
    return { kind: t(`plans.funding.${kind}`), sources: rows.length, perYear };
  }).filter((k) => k.sources > 0);
  const fundingChart =
    years.length && funding.length
      ? svgDataUrl(
          barChartSvg({
            title: t('plans.dash.fundingChart'),
            categories: years.map(String),
            series: [
              {
                name: t('plans.dash.planned'),
                data: years.map((_, k) => funding.reduce((s, f) => s + f.perYear[k].planned, 0)),
              },
              {
                name: t('plans.dash.spent'),
                data: years.map((_, k) => funding.reduce((s, f) => s + f.perYear[k].actual, 0)),
              },
            ],
          }),
        )
      : null;
  return {
    statusNames,
    byGoal,
    tasksChart,
    indicators,
    lights,
    overdue,
    years,
    funding: funding.map((f) => ({
      ...f,
      perYear: f.perYear.map((p) => ({ planned: n(p.planned), actual: n(p.actual) })),
    })),
    fundingChart,
  };
}
