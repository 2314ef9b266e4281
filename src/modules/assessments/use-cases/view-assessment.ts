import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase } from '../../cases/cases.policy.js';
import type { CaseRow } from '../../cases/cases.queries.js';
import type { FormDefinition } from '../assessment-form.js';
import { formDefinitionOf, loadAssessment, type AssessmentRow } from '../assessments.queries.js';

/** A filled assessment of a case with the form version it was filled with; an audited read. */
export async function viewAssessment(
  o: UseCase<{ caseId: string; id: string }>,
): Promise<{ kase: CaseRow; assessment: AssessmentRow; definition: FormDefinition }> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.read', o.caseId);
    const assessment = await loadAssessment(c, hromadaId, row.id, o.id);
    if (!assessment) throw new AppError('not_found');
    const definition = await formDefinitionOf(c, assessment.form_id, assessment.form_version);
    if (!definition) throw new AppError('not_found');
    await audit({
      action: 'assessment.view',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['assessments'],
      reason: row.restricted ? 'restricted' : undefined,
    });
    return { kase: row, assessment, definition };
  });
}
