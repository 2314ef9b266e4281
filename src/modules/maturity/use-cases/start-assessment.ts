import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { ensureAssessment, loadAgency } from '../maturity.queries.js';

/** Opens an institution's self-assessment of a year (made the first time); a future year is refused. */
export async function startAssessment(o: UseCase<{ agencyId: number; year: number }>): Promise<string> {
  return inTenant(o, 'maturity.manage', async ({ c, actor, hromadaId, audit }) => {
    const agency = await loadAgency(c, hromadaId, o.agencyId);
    if (!agency) throw new AppError('not_found');
    if (o.year > Number(kyivToday().slice(0, 4)))
      throw new ValidationError([{ field: 'year', key: 'maturity.v.future' }]);
    const id = await ensureAssessment(c, hromadaId, agency.id, o.year, actor.userId);
    await audit({
      action: 'maturity.assessment.open',
      operation: 'write',
      entityType: 'maturity_assessment',
      entityId: id,
    });
    return id;
  });
}
