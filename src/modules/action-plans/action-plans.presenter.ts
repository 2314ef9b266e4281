import type { TFunction } from 'i18next';
import { formatDate } from '../../platform/i18n.js';
import { periodText } from '../metrics/metrics.presenter.js';
import type { GoalRow, HistoryRow, IndicatorRow, PlanRow, TaskRow, TaskStatus } from './action-plans.queries.js';

const TAG: Record<TaskStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  cancelled: 'govuk-tag--yellow',
};

export const statusTag = (s: TaskStatus, t: TFunction) => ({ text: t(`plans.status.${s}`), classes: TAG[s] });

/** «2021–2026», «з 16.05.2025» or nothing. */
export function planPeriod(p: PlanRow): string {
  if (p.period_from !== null && p.period_to !== null)
    return p.period_from === p.period_to ? String(p.period_from) : `${p.period_from}–${p.period_to}`;
  return '';
}

export function presentPlan(p: PlanRow, t: TFunction) {
  return {
    id: p.id,
    title: p.title,
    hromada: p.hromada_title,
    approvedBy: p.approved_by,
    act:
      p.act_number || p.act_date
        ? t('plans.act', { number: p.act_number ?? '—', date: p.act_date ? formatDate(p.act_date) : '—' })
        : '',
    period: planPeriod(p),
    values: p.plan_values,
    monitoring: p.monitoring,
  };
}

export function presentTask(task: TaskRow, t: TFunction, planId: string) {
  return {
    id: task.id,
    href: `/action-plans/${planId}/tasks/${task.id}`,
    code: task.code,
    title: task.title,
    period: task.period_text ?? '',
    dates: task.period_from && task.period_to ? `${formatDate(task.period_from)} – ${formatDate(task.period_to)}` : '',
    executors: task.executors,
    expectedResult: task.expected_result,
    status: task.status,
    effective: task.effective_status,
    tag: statusTag(task.effective_status, t),
    derivedOverdue: task.effective_status === 'overdue' && task.status !== 'overdue',
  };
}

/** Goals → operational goals → tasks, as the plan's table of measures orders them. */
export function planTree(goals: GoalRow[], tasks: TaskRow[], t: TFunction, planId: string) {
  return goals
    .filter((g) => g.parent_id === null)
    .map((s) => ({
      id: s.id,
      code: s.code,
      title: s.title,
      operational: goals
        .filter((g) => g.parent_id === s.id)
        .map((o) => ({
          id: o.id,
          code: o.code,
          title: o.title,
          tasks: tasks.filter((x) => x.goal_id === o.id).map((x) => presentTask(x, t, planId)),
        })),
    }));
}

const n = (s: string | null) => (s === null ? '' : Number(s).toLocaleString('uk-UA'));

/** A task's funding by year as the page writes it: amounts with Ukrainian digit grouping, «—» for none. */
export const presentAmounts = (amounts: { year: number; planned: string | null; actual: string | null }[]) =>
  amounts.map((a) => ({ year: a.year, planned: n(a.planned) || '—', actual: n(a.actual) || '—' }));

export function presentIndicator(i: IndicatorRow, t: TFunction) {
  return {
    id: i.id,
    name: i.name,
    unit: i.unit ?? '',
    baseline: n(i.baseline),
    source: t(`plans.source.${i.source}`),
    manual: i.source === 'manual',
    responsible: i.responsible ?? '',
    metricKey: i.metric_key,
    values: i.values.map((v) => ({
      key: v.period,
      period: periodText(t, v.period),
      target: n(v.target),
      actual: n(v.actual),
      frozen: v.frozen_at !== null,
    })),
  };
}

const show = (v: unknown, t: TFunction): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)) return formatDate(v);
  if (typeof v === 'string') return v in TAG ? t(`plans.status.${v}`) : v;
  // A decimal comma, no grouping (a year stays «2026»).
  if (typeof v === 'number') return v.toLocaleString('uk-UA', { maximumFractionDigits: 2, useGrouping: false });
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => show(x, t)).join(', ');
  if (typeof v === 'object')
    return Object.values(v as Record<string, unknown>)
      .map((x) => show(x, t))
      .join(', ');
  return '';
};

/** A history entry as a line: what changed, before → after, who and when. */
export function presentChange(h: HistoryRow, t: TFunction) {
  const keys = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])];
  return {
    // A task's «update» is its status from a note, or its wording edited.
    what: t(
      h.entity === 'task' && h.change === 'update' && keys.some((k) => k !== 'status')
        ? 'plans.history.task.edit'
        : h.entity === 'plan' && h.change === 'update' && !keys.includes('published')
          ? 'plans.history.plan.edit'
          : `plans.history.${h.entity}.${h.change}`,
    ),
    fields: keys.map((k) => ({
      name: t(`plans.history.field.${k}`),
      before:
        k === 'kind' && typeof h.before?.[k] === 'string' ? t(`plans.funding.${h.before[k]}`) : show(h.before?.[k], t),
      after:
        k === 'kind' && typeof h.after?.[k] === 'string' ? t(`plans.funding.${h.after[k]}`) : show(h.after?.[k], t),
    })),
    who: h.who,
    when: h.changed_at,
  };
}
