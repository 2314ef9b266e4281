import type { TFunction } from 'i18next';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { periodText } from '../metrics/metrics.presenter.js';
import { TASK_STATUSES } from './action-plans.queries.js';
import type { ReportFigures } from './report.figures.js';
import type { ReportRow } from './reports.queries.js';

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('uk-UA', { maximumFractionDigits: 2 }));
const kb = (bytes: number | null) => (bytes === null ? '' : `${Math.max(1, Math.round(bytes / 1024))} КБ`);

const TAG = {
  queued: 'govuk-tag--grey',
  running: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  failed: 'govuk-tag--red',
};

/** A report in a list or on its page: period, state with progress, who asked and when, the files when done. */
export function presentReport(r: ReportRow, t: TFunction, planId: string) {
  const base = `/action-plans/${planId}/reports/${r.id}`;
  return {
    id: r.id,
    href: base,
    kind: t(`plans.report.kind.${r.kind}`),
    period: periodText(t, r.period),
    status: r.status,
    tag: { text: t(`plans.report.status.${r.status}`), classes: TAG[r.status] },
    progress: r.progress,
    step: r.step && r.status === 'running' ? t(`plans.report.step.${r.step}`, { defaultValue: '' }) : '',
    failure: r.failure ? t(`plans.report.failure.${r.failure}`, { defaultValue: t('plans.report.failure.error') }) : '',
    requestedBy: r.requested_by_name,
    requestedAt: formatDateTime(r.requested_at),
    finishedAt: r.finished_at ? formatDateTime(r.finished_at) : '',
    frozen: r.frozen,
    pdf: r.status === 'done' ? { href: `${base}/report.pdf`, size: kb(r.pdf_size) } : null,
    xlsx: r.status === 'done' ? { href: `${base}/report.xlsx`, size: kb(r.xlsx_size) } : null,
  };
}

/** The kept figures of a finished report, for its page (the same as in its files). */
export function presentReportFigures(f: ReportFigures, t: TFunction) {
  return {
    period: `${periodText(t, f.period)} (${formatDate(f.from)} – ${formatDate(f.to)})`,
    computedAt: formatDateTime(f.computedAt),
    periodEnded: f.periodEnded,
    statuses: TASK_STATUSES.map((s) => ({ text: t(`plans.status.${s}`), count: f.statusCounts[s] })),
    indicators: f.indicators.map((i) => ({
      task: i.taskCode,
      name: i.name,
      unit: i.unit ?? '',
      baseline: n(i.baseline),
      target: i.target === null ? '—' : n(i.target),
      targetPeriod: i.targetPeriod && i.targetPeriod !== f.period ? periodText(t, i.targetPeriod) : '',
      actual: n(i.actual),
      share: i.share === null ? '—' : `${Math.round(i.share * 100)} %`,
      light: i.light,
      lightText: t(`plans.dash.light.${i.light}`),
      source: t(`plans.report.source.${i.source}`),
      frozen: i.frozen,
    })),
    notes: f.goals.flatMap((g) => g.operational.flatMap((o) => o.tasks)).reduce((s, x) => s + x.notes.length, 0),
    funding: f.funding.map((x) => ({ kind: t(`plans.funding.${x.kind}`), planned: n(x.planned), actual: n(x.actual) })),
    year: f.year,
  };
}
