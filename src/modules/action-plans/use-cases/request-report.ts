import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { periodOf } from '../../metrics/metric.js';
import { requirePlan } from '../action-plans.policy.js';
import { reportPeriodKey, type ReportKind } from '../report.figures.js';
import { REPORT_QUEUE } from '../report.worker.js';
import { insertReport, pendingReport } from '../reports.queries.js';

/**
 * Asks for a monitoring report of a plan for a half-year or a year, generated in the background. The period must
 * have begun and lie within the plan's years. Asking again while the same report is being made joins it.
 */
export async function requestReport(
  o: UseCase<{ planId: string; input: { kind: ReportKind; year: number; half: 1 | 2 | null } }>,
): Promise<string> {
  const r = await inTenant(o, 'plans.manage', async ({ c, actor, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const { kind, year, half } = o.input;
    if (kind === 'semiannual' && half === null) throw new ValidationError([{ field: 'half', key: 'plans.v.half' }]);
    const period = reportPeriodKey(kind, year, half);
    const span = periodOf(period);
    if (!span) throw new ValidationError([{ field: 'year', key: 'plans.v.reportYear' }]);
    if (plan.period_from !== null && plan.period_to !== null && (year < plan.period_from || year > plan.period_to))
      throw new ValidationError([
        { field: 'year', key: 'plans.v.reportOutside', params: { from: plan.period_from, to: plan.period_to } },
      ]);
    if (span.from > kyivToday()) throw new ValidationError([{ field: 'year', key: 'plans.v.reportFuture' }]);
    if (!o.services.jobs.isStarted) throw new AppError('unavailable');
    const pending = await pendingReport(c, hromadaId, Number(plan.id), period);
    if (pending) return { id: pending, queue: false, hromadaId };
    const id = await insertReport(c, hromadaId, Number(plan.id), { kind, period }, actor.userId);
    await audit({ action: 'plans.report.request', operation: 'write', entityType: 'plan_report', entityId: id });
    return { id, queue: true, hromadaId };
  });
  if (r.queue) await o.services.jobs.boss.send(REPORT_QUEUE, { reportId: r.id, hromadaId: r.hromadaId });
  return r.id;
}
