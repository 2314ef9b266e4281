import type { Services } from '../../../services.js';
import { actorForUser, loadUserRow } from '../../../platform/actor.js';
import { kyivToday } from '../../../platform/dates.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { periodOf, type Period } from '../../metrics/metric.js';
import { computeMetricWith } from '../../metrics/metrics.queries.js';
import { metricOf, metricsOf } from '../../metrics/metrics.registry.js';
import { addHistory, freezeValue, planFunding, planGoals, planIndicators, planTasks } from '../action-plans.queries.js';
import { requirePlan } from '../action-plans.policy.js';
import { buildReportFigures } from '../report.figures.js';
import { reportPdf, reportXlsx } from '../report.documents.js';
import {
  failReport,
  finishReport,
  loadReport,
  planNotesIn,
  reportFigures,
  saveReportFigures,
  setReportProgress,
  type ReportRow,
} from '../reports.queries.js';

export interface RunReportJob {
  reportId: string;
  hromadaId: number;
}

/**
 * Makes a requested monitoring report (the pg-boss job), committing its progress step by step so that the report's
 * page shows it: the figures of the period (computed indicators computed now; for a period that has ended, frozen on
 * the indicator with who and when, unless already frozen), then the PDF, then the XLSX. The report keeps the figures,
 * so both files and the page agree whatever changes later. It runs as the manager who asked for it; if they may no
 * longer manage plans, it fails.
 */
export async function runReport(o: UseCase<{ hooks: HookRegistry; job: RunReportJob }>): Promise<void> {
  const { services, job } = o;
  const tenant = { hromadaId: job.hromadaId };
  const report = await services.db.tx(tenant, (c) => loadReport(c, job.hromadaId, null, job.reportId));
  if (!report || report.status === 'done' || report.status === 'failed') return;
  const user = await loadUserRow(services.db, report.requested_by);
  const actor = user?.active ? await actorForUser(services.db, user, job.hromadaId, 'session') : null;
  if (!actor || !can(actor, 'plans.manage'))
    return services.db.tx(tenant, (c) => failReport(c, job.hromadaId, report.id, 'forbidden'));
  const step = (progress: number, name: string) =>
    services.db.tx(tenant, (c) => setReportProgress(c, job.hromadaId, report.id, { progress, step: name }));
  try {
    await step(5, 'figures');
    await gatherFigures(services, o.hooks, actor, report);
    await step(45, 'pdf');
    const figures = await services.db.tx(tenant, (c) => reportFigures(c, job.hromadaId, report.id));
    if (!figures) throw new Error('report figures missing');
    const pdf = await reportPdf(figures);
    await step(80, 'xlsx');
    const xlsx = await reportXlsx(figures);
    await inTenant({ services, actor }, 'plans.manage', async ({ c, audit }) => {
      await finishReport(c, job.hromadaId, report.id, pdf, xlsx);
      await audit({ action: 'plans.report.make', operation: 'write', entityType: 'plan_report', entityId: report.id });
    });
  } catch (e) {
    await services.db.tx(tenant, (c) => failReport(c, job.hromadaId, report.id, 'error'));
    throw e;
  }
}

/** The report's figures in one transaction: computed actuals for its period (frozen when the period has ended). */
async function gatherFigures(
  services: Services,
  hooks: HookRegistry,
  actor: Parameters<typeof inTenant>[0]['actor'],
  report: ReportRow,
) {
  await inTenant({ services, actor }, 'plans.manage', async ({ c, actor: a, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, report.plan_id);
    const id = Number(plan.id);
    const span = periodOf(report.period) as Period;
    const today = kyivToday();
    const ended = span.to < today;
    const indicators = await planIndicators(c, hromadaId, id);
    const metrics = metricsOf(hooks);
    let frozen = 0;
    for (const ind of indicators) {
      const metric = ind.metric_key ? metricOf(metrics, ind.metric_key) : undefined;
      const stored = ind.values.find((v) => v.period === report.period);
      if (!metric || stored?.frozen_at) continue;
      const { total } = await computeMetricWith(c, metric, hromadaId, span, null);
      if (ended) {
        await freezeValue(c, hromadaId, Number(ind.id), report.period, total, a.userId);
        await addHistory(
          c,
          hromadaId,
          {
            planId: id,
            taskId: Number(ind.task_id),
            entity: 'value',
            entityId: `${ind.id}:${report.period}`,
            change: 'freeze',
            before: stored ? { period: report.period, actual: stored.actual } : null,
            after: { period: report.period, actual: total, report: report.id },
          },
          a.userId,
        );
        frozen++;
      }
      const value = { period: report.period, target: stored?.target ?? null, actual: String(total) };
      if (stored) Object.assign(stored, { actual: value.actual, frozen_at: ended ? new Date().toISOString() : null });
      else ind.values.push({ ...value, frozen_at: ended ? new Date().toISOString() : null });
    }
    const figures = buildReportFigures({
      kind: report.kind,
      period: report.period,
      plan,
      goals: await planGoals(c, hromadaId, id),
      tasks: await planTasks(c, hromadaId, id),
      indicators,
      funding: await planFunding(c, hromadaId, id),
      notes: await planNotesIn(c, hromadaId, id, span.from, span.to),
      computedAt: new Date(),
      today,
    });
    await saveReportFigures(c, hromadaId, report.id, figures, frozen);
    if (frozen)
      await audit({
        action: 'plans.report.freeze',
        operation: 'write',
        entityType: 'plan_report',
        entityId: report.id,
        reason: `frozen:${frozen}`,
      });
  });
}
