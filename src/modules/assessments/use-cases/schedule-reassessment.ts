import { addDays, displayDate } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CaseRow } from '../../cases/cases.queries.js';
import { addCaseEvent } from '../../cases/cases.queries.js';
import { reassessmentDays, upsertReview } from '../assessments.queries.js';

/**
 * A service of the case's plan got its term (the contract ends on `endsOn`): the re-assessment is due the
 * hromada's number of days before (art. 22: at least 30, the default). One per plan item: the same term again
 * changes nothing, a new one moves it. Runs in the plan's transaction; in the timeline; audited.
 */
export async function scheduleReassessment(
  o: UseCase<{ kase: CaseRow; planItemId: string; endsOn: string }>,
): Promise<{ dueOn: string; scheduled: boolean }> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const dueOn = addDays(o.endsOn, -(await reassessmentDays(c, hromadaId)));
    const scheduled = await upsertReview(c, {
      hromadaId,
      caseId: o.kase.id,
      planItemId: o.planItemId,
      endsOn: o.endsOn,
      dueOn,
    });
    if (scheduled) {
      await addCaseEvent(c, {
        hromadaId,
        caseId: o.kase.id,
        by: actor,
        event: 'assessments.event.scheduled',
        data: { due: displayDate(dueOn) },
      });
      await audit({
        action: 'assessment.schedule',
        operation: 'write',
        entityType: 'case',
        entityId: o.kase.id,
        fields: ['assessments'],
      });
    }
    return { dueOn, scheduled };
  });
}
