import { lightOf, type Light } from './dashboard.presenter.js';
import { FUNDING_KINDS, type FundingKind } from './plan-format.js';
import {
  TASK_STATUSES,
  type FundingRow,
  type GoalRow,
  type IndicatorRow,
  type PlanRow,
  type TaskRow,
  type TaskStatus,
} from './action-plans.queries.js';
import type { PeriodNoteRow } from './reports.queries.js';
import { periodOf, type Period } from '../metrics/metric.js';

export type ReportKind = 'semiannual' | 'annual';

/** The report's period key: `2026` for the annual report, `2026-H1`/`2026-H2` for a semi-annual one. */
export const reportPeriodKey = (kind: ReportKind, year: number, half: 1 | 2 | null) =>
  kind === 'annual' ? String(year) : `${year}-H${half ?? 1}`;

export interface ReportTask {
  code: string;
  title: string;
  executors: string[];
  period: string | null;
  status: TaskStatus;
  expectedResult: string | null;
  notes: { date: string; body: string; status: TaskStatus | null }[];
}

export interface ReportIndicator {
  taskCode: string;
  name: string;
  unit: string | null;
  baseline: number | null;
  /** The target of the report's period, else of its year (a semi-annual report is judged against the year's). */
  target: number | null;
  targetPeriod: string | null;
  actual: number | null;
  source: 'manual' | 'computed';
  metric: string | null;
  /** Whether the actual is a frozen value (by this report or earlier). */
  frozen: boolean;
  light: Light;
  /** Actual / target, when both are there. */
  share: number | null;
}

/**
 * What a monitoring report shows, as it was when the report was made: kept in the report (jsonb) so that the PDF and
 * XLSX, and anyone who opens the report later, see the same figures whatever changes afterwards.
 */
export interface ReportFigures {
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  /** When the figures were computed (ISO). */
  computedAt: string;
  /** Whether the period had ended then; if not, computed values are as of that day and were not frozen. */
  periodEnded: boolean;
  plan: {
    title: string;
    hromada: string;
    approvedBy: string | null;
    number: string | null;
    date: string | null;
    from: number | null;
    to: number | null;
  };
  statusCounts: Record<TaskStatus, number>;
  goals: { code: string; title: string; operational: { code: string; title: string; tasks: ReportTask[] }[] }[];
  indicators: ReportIndicator[];
  /** Planned and actual amounts of the report's year by kind of source (kinds without any amount left out). */
  funding: { kind: FundingKind; planned: number; actual: number }[];
  year: number;
}

/** The value of an indicator for the report: the period's own, else (target only) the year's. */
function valueFor(i: IndicatorRow, period: string, year: string) {
  const own = i.values.find((v) => v.period === period);
  const ofYear = i.values.find((v) => v.period === year);
  const target = own?.target ?? ofYear?.target ?? null;
  return {
    target: target === null ? null : Number(target),
    targetPeriod: own?.target != null ? period : ofYear?.target != null ? year : null,
    actual: own?.actual == null ? null : Number(own.actual),
    frozen: own?.frozen_at != null,
  };
}

/**
 * The report's figures from the plan as loaded, its indicators with the period's actuals already filled (computed or
 * frozen) and the notes of the period. Pure: the same input gives the same figures.
 */
export function buildReportFigures(d: {
  kind: ReportKind;
  period: string;
  plan: PlanRow;
  goals: GoalRow[];
  tasks: TaskRow[];
  indicators: IndicatorRow[];
  funding: FundingRow[];
  notes: PeriodNoteRow[];
  computedAt: Date;
  today: string;
}): ReportFigures {
  const span = periodOf(d.period) as Period;
  const year = d.period.slice(0, 4);
  const taskCode = new Map(d.tasks.map((t) => [t.id, t.code]));
  const statusCounts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const t of d.tasks) statusCounts[t.effective_status]++;
  const taskOf = (t: TaskRow): ReportTask => ({
    code: t.code,
    title: t.title,
    executors: t.executors,
    period: t.period_text,
    status: t.effective_status,
    expectedResult: t.expected_result,
    notes: d.notes.filter((n) => n.task_id === t.id).map((n) => ({ date: n.noted_on, body: n.body, status: n.status })),
  });
  const goals = d.goals
    .filter((g) => g.parent_id === null)
    .map((s) => ({
      code: s.code,
      title: s.title,
      operational: d.goals
        .filter((g) => g.parent_id === s.id)
        .map((o) => ({ code: o.code, title: o.title, tasks: d.tasks.filter((t) => t.goal_id === o.id).map(taskOf) })),
    }));
  const indicators = d.indicators.map((i): ReportIndicator => {
    const v = valueFor(i, d.period, year);
    const judged = v.target !== null && v.actual !== null ? lightOf(v.target, v.actual) : null;
    return {
      taskCode: taskCode.get(i.task_id) ?? '',
      name: i.name,
      unit: i.unit,
      baseline: i.baseline === null ? null : Number(i.baseline),
      target: v.target,
      targetPeriod: v.targetPeriod,
      actual: v.actual,
      source: i.source,
      metric: i.metric_key,
      frozen: v.frozen,
      light: judged?.light ?? 'grey',
      share: judged?.share ?? null,
    };
  });
  const y = Number(year);
  const funding = FUNDING_KINDS.map((kind) => {
    const amounts = d.funding.filter((f) => f.kind === kind).flatMap((f) => f.amounts.filter((a) => a.year === y));
    return {
      kind,
      planned: amounts.reduce((s, a) => s + Number(a.planned ?? 0), 0),
      actual: amounts.reduce((s, a) => s + Number(a.actual ?? 0), 0),
      any: amounts.length > 0,
    };
  })
    .filter((f) => f.any)
    .map(({ kind, planned, actual }) => ({ kind, planned, actual }));
  return {
    kind: d.kind,
    period: d.period,
    from: span.from,
    to: span.to,
    computedAt: d.computedAt.toISOString(),
    periodEnded: span.to < d.today,
    plan: {
      title: d.plan.title,
      hromada: d.plan.hromada_title,
      approvedBy: d.plan.approved_by,
      number: d.plan.act_number,
      date: d.plan.act_date,
      from: d.plan.period_from,
      to: d.plan.period_to,
    },
    statusCounts,
    goals,
    indicators,
    funding,
    year: y,
  };
}
