import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { setReassessmentDays as storeDays } from '../assessments.queries.js';

/** How many days before a contract ends the re-assessment is due in the hromada (30–180; art. 22: at least 30). */
export async function setReassessmentDays(o: UseCase<{ days: number }>): Promise<void> {
  return inTenant(o, 'assessments.manage', async ({ c, hromadaId, audit }) => {
    await storeDays(c, hromadaId, o.days);
    await audit({
      action: 'assessmentSettings.change',
      operation: 'write',
      entityType: 'hromada',
      entityId: String(hromadaId),
      fields: ['reassessmentDays'],
    });
  });
}
