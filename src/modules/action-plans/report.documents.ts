import { barChartSvg } from '../../platform/charts.js';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime, translator } from '../../platform/i18n.js';
import { PdfWriter } from '../../platform/pdf.js';
import { sheetsToXlsx } from '../../platform/spreadsheet.js';
import { periodText } from '../metrics/metrics.presenter.js';
import { TASK_STATUSES } from './action-plans.queries.js';
import type { ReportFigures, ReportIndicator } from './report.figures.js';

/** Reports are put before the council: always in Ukrainian. */
const t = translator('uk');
const k = (key: string, o?: Record<string, unknown>) => t(`plans.report.${key}`, o ?? {});
const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('uk-UA', { maximumFractionDigits: 2 }));
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/** The report's title: «Звіт про моніторинг … за ІІ півріччя 2026». */
export const reportTitle = (f: ReportFigures) => k('docTitle', { period: periodText(t, f.period) });

function actText(f: ReportFigures) {
  const p = f.plan;
  const parts = [p.approvedBy, p.number ? `№ ${p.number}` : null, p.date ? displayDate(p.date) : null];
  return parts.filter(Boolean).join(', ');
}

const indicatorRow = (i: ReportIndicator, period: string): string[] => [
  i.taskCode,
  i.name,
  i.unit ?? '',
  n(i.baseline),
  i.target === null
    ? '—'
    : i.targetPeriod && i.targetPeriod !== period
      ? `${n(i.target)} (${periodText(t, i.targetPeriod)})`
      : n(i.target),
  n(i.actual),
  pct(i.share),
  t(`plans.dash.light.${i.light}`),
  t(`plans.report.source.${i.source}`) + (i.frozen ? ` (${k('frozenMark')})` : ''),
];

function tasksChart(f: ReportFigures) {
  const byGoal = f.goals.map((g) => {
    const tasks = g.operational.flatMap((o) => o.tasks);
    return {
      label: `${g.code}. ${g.title}`,
      counts: TASK_STATUSES.map((s) => tasks.filter((x) => x.status === s).length),
    };
  });
  return barChartSvg({
    title: t('plans.dash.tasksChart'),
    categories: byGoal.map((g) => g.label),
    series: TASK_STATUSES.map((s, i) => ({ name: t(`plans.status.${s}`), data: byGoal.map((g) => g.counts[i]) })),
    stacked: true,
  });
}

/** The report as PDF: the plan, the execution of its tasks with the period's notes, indicators, funding, charts. */
export async function reportPdf(f: ReportFigures): Promise<Buffer> {
  const title = reportTitle(f);
  const w = new PdfWriter({
    title,
    hromadaName: f.plan.hromada,
    pageLabel: (page, total) => k('page', { page, total }),
    footerNote: k('computedAt', { at: formatDateTime(f.computedAt) }),
  });
  w.heading(title, 1);
  w.paragraph(f.plan.title);
  w.fields([
    { label: k('approved'), value: actText(f) },
    { label: k('planPeriod'), value: f.plan.from !== null ? `${f.plan.from}–${f.plan.to}` : '' },
    { label: k('period'), value: `${periodText(t, f.period)} (${displayDate(f.from)} – ${displayDate(f.to)})` },
    { label: k('computed'), value: formatDateTime(f.computedAt) },
  ]);
  if (!f.periodEnded) w.paragraph(k('notEnded'), { muted: true });

  w.heading(k('s1'), 2);
  w.table(
    [
      { header: k('statusCol'), width: 0.6 },
      { header: k('tasksCol'), width: 0.4 },
    ],
    TASK_STATUSES.map((s) => [t(`plans.status.${s}`), String(f.statusCounts[s])]),
  );
  if (f.goals.length) w.chart(tasksChart(f), t('plans.dash.tasksChart'));

  w.heading(k('s2'), 2);
  for (const g of f.goals) {
    w.heading(`${t('plans.strategicGoal')} ${g.code}. ${g.title}`, 3);
    for (const o of g.operational) {
      w.paragraph(`${t('plans.operationalGoal')} ${o.code}. ${o.title}`);
      w.table(
        [
          { header: t('plans.col.code'), width: 0.08 },
          { header: t('plans.col.task'), width: 0.32 },
          { header: t('plans.col.executors'), width: 0.18 },
          { header: t('plans.col.status'), width: 0.12 },
          { header: k('notesCol'), width: 0.3 },
        ],
        o.tasks.map((x) => [
          x.code,
          x.title,
          x.executors.join('; '),
          t(`plans.status.${x.status}`),
          x.notes.map((m) => `${displayDate(m.date)}: ${m.body}`).join('\n') || '—',
        ]),
        { size: 8 },
      );
    }
  }

  w.heading(k('s3'), 2);
  if (f.indicators.length) {
    w.paragraph(k('lightRule'), { muted: true, size: 8 });
    w.table(
      [
        { header: t('plans.col.code'), width: 0.07 },
        { header: k('indicatorCol'), width: 0.24 },
        { header: k('unitCol'), width: 0.11 },
        { header: k('baselineCol'), width: 0.09 },
        { header: k('targetCol'), width: 0.09 },
        { header: k('actualCol'), width: 0.09 },
        { header: '%', width: 0.07 },
        { header: t('plans.dash.state'), width: 0.11 },
        { header: k('sourceCol'), width: 0.13 },
      ],
      f.indicators.map((i) => indicatorRow(i, f.period)),
      { size: 7.5 },
    );
    const lights = (['green', 'amber', 'red', 'grey'] as const).map(
      (l) => f.indicators.filter((i) => i.light === l).length,
    );
    w.chart(
      barChartSvg({
        title: k('lightsChart'),
        categories: (['green', 'amber', 'red', 'grey'] as const).map((l) => t(`plans.dash.light.${l}`)),
        series: [{ name: k('indicatorsCount'), data: lights }],
      }),
      k('lightsChart'),
    );
  } else w.paragraph(t('plans.dash.noIndicators'));

  w.heading(k('s4', { year: f.year }), 2);
  if (f.funding.length) {
    const total = f.funding.reduce((s, x) => ({ planned: s.planned + x.planned, actual: s.actual + x.actual }), {
      planned: 0,
      actual: 0,
    });
    w.table(
      [
        { header: k('kindCol'), width: 0.4 },
        { header: t('plans.dash.planned'), width: 0.22 },
        { header: t('plans.dash.spent'), width: 0.22 },
        { header: '%', width: 0.16 },
      ],
      [
        ...f.funding.map((x) => [
          t(`plans.funding.${x.kind}`),
          n(x.planned),
          n(x.actual),
          pct(x.planned ? x.actual / x.planned : null),
        ]),
        [k('total'), n(total.planned), n(total.actual), pct(total.planned ? total.actual / total.planned : null)],
      ],
    );
    w.chart(
      barChartSvg({
        title: k('fundingChart', { year: f.year }),
        categories: f.funding.map((x) => t(`plans.funding.${x.kind}`)),
        series: [
          { name: t('plans.dash.planned'), data: f.funding.map((x) => x.planned) },
          { name: t('plans.dash.spent'), data: f.funding.map((x) => x.actual) },
        ],
      }),
      k('fundingChart', { year: f.year }),
    );
  } else w.paragraph(k('noFunding', { year: f.year }));
  return w.finish();
}

/** The report as XLSX: a summary sheet, tasks with notes, indicators (numbers as numbers) and funding. */
export function reportXlsx(f: ReportFigures): Promise<Buffer> {
  const title = [reportTitle(f), f.plan.title, k('computedAt', { at: formatDateTime(f.computedAt) })];
  return sheetsToXlsx([
    {
      name: k('sheet.summary'),
      title,
      header: [k('statusCol'), k('tasksCol')],
      rows: TASK_STATUSES.map((s) => [t(`plans.status.${s}`), f.statusCounts[s]]),
      widths: [30, 12],
    },
    {
      name: k('sheet.tasks'),
      title,
      header: [
        k('goalCol'),
        t('plans.col.code'),
        t('plans.col.task'),
        t('plans.col.executors'),
        t('plans.col.period'),
        t('plans.col.status'),
        k('expectedCol'),
        k('notesCol'),
      ],
      rows: f.goals.flatMap((g) =>
        g.operational.flatMap((o) =>
          o.tasks.map((x) => [
            `${o.code}. ${o.title}`,
            x.code,
            x.title,
            x.executors.join('; '),
            x.period ?? '',
            t(`plans.status.${x.status}`),
            x.expectedResult ?? '',
            x.notes.map((m) => `${displayDate(m.date)}: ${m.body}`).join('\n'),
          ]),
        ),
      ),
      widths: [30, 8, 50, 30, 14, 14, 40, 50],
    },
    {
      name: k('sheet.indicators'),
      title,
      header: [
        t('plans.col.code'),
        k('indicatorCol'),
        k('unitCol'),
        k('baselineCol'),
        k('targetCol'),
        k('targetPeriodCol'),
        k('actualCol'),
        k('shareCol'),
        t('plans.dash.state'),
        k('sourceCol'),
        k('frozenCol'),
      ],
      rows: f.indicators.map((i) => [
        i.taskCode,
        i.name,
        i.unit ?? '',
        i.baseline,
        i.target,
        i.targetPeriod ? periodText(t, i.targetPeriod) : '',
        i.actual,
        i.share === null ? null : Math.round(i.share * 1000) / 10,
        t(`plans.dash.light.${i.light}`),
        t(`plans.report.source.${i.source}`),
        i.frozen ? k('yes') : k('no'),
      ]),
      widths: [8, 50, 12, 12, 12, 16, 12, 10, 16, 14, 12],
    },
    {
      name: k('sheet.funding'),
      title,
      header: [k('kindCol'), k('yearCol'), t('plans.dash.planned'), t('plans.dash.spent')],
      rows: f.funding.map((x) => [t(`plans.funding.${x.kind}`), f.year, x.planned, x.actual]),
      widths: [36, 10, 18, 18],
    },
  ]);
}
