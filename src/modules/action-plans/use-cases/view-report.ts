import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePlan } from '../action-plans.policy.js';
import { loadReport, reportFigures } from '../reports.queries.js';

/** A monitoring report of the plan: its progress while it is made, then its figures (another plan's is «not found»). */
export async function viewReport(o: UseCase<{ planId: string; reportId: string }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const report = await loadReport(c, hromadaId, Number(plan.id), o.reportId);
    if (!report) throw new AppError('not_found');
    const figures = report.status === 'done' ? await reportFigures(c, hromadaId, report.id) : null;
    await audit({ action: 'plans.report.view', operation: 'read', entityType: 'plan_report', entityId: report.id });
    return { plan, report, figures };
  });
}
