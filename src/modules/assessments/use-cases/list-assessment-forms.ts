import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseTypes, type CaseTypeRow } from '../../cases/cases.queries.js';
import { hromadaForms, reassessmentDays, type FormRow } from '../assessments.queries.js';

/** The administrator's list of the hromada's assessment forms, the case types they name, and the re-assessment lead. */
export async function listAssessmentForms(
  o: UseCase,
): Promise<{ hromadaId: number; forms: FormRow[]; types: CaseTypeRow[]; reassessmentDays: number }> {
  return inTenant(o, 'assessments.manage', async ({ c, hromadaId }) => ({
    hromadaId,
    forms: await hromadaForms(c, hromadaId),
    types: await caseTypes(c, hromadaId),
    reassessmentDays: await reassessmentDays(c, hromadaId),
  }));
}
