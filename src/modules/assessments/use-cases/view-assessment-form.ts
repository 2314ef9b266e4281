import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseTypes, type CaseTypeRow } from '../../cases/cases.queries.js';
import type { FormDefinition } from '../assessment-form.js';
import { requireForm } from '../assessments.policy.js';
import { formDefinitionOf, formVersions, type FormRow, type VersionRow } from '../assessments.queries.js';

export interface AssessmentFormAdminView {
  form: FormRow;
  version: number;
  definition: FormDefinition;
  versions: VersionRow[];
  types: CaseTypeRow[];
}

/** A form for its administrator: one version's definition (the latest unless asked), its versions, the case types. */
export async function viewAssessmentForm(
  o: UseCase<{ code: string; version?: number }>,
): Promise<AssessmentFormAdminView> {
  return inTenant(o, 'assessments.manage', async ({ c, hromadaId }) => {
    const form = await requireForm(c, hromadaId, o.code);
    const versions = await formVersions(c, hromadaId, form.id);
    const version = o.version ?? form.latest_version;
    const definition = await formDefinitionOf(c, form.id, version);
    if (!definition) throw new AppError('not_found');
    return { form, version, definition, versions, types: await caseTypes(c, hromadaId) };
  });
}
