import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePlan } from '../action-plans.policy.js';
import { loadReport, reportFile } from '../reports.queries.js';

/** A finished report's PDF or XLSX (audited); a report still being made, or another plan's, is «not found». */
export async function openReportFile(o: UseCase<{ planId: string; reportId: string; format: 'pdf' | 'xlsx' }>) {
  return inTenant(o, 'plans.read', async ({ c, hromadaId, audit }) => {
    const plan = await requirePlan(c, hromadaId, o.planId);
    const report = await loadReport(c, hromadaId, Number(plan.id), o.reportId);
    const body = report ? await reportFile(c, hromadaId, report.id, o.format) : null;
    if (!report || !body) throw new AppError('not_found');
    await audit({
      action: 'plans.report.download',
      operation: 'read',
      entityType: 'plan_report',
      entityId: report.id,
      reason: o.format,
    });
    return { report, body };
  });
}
