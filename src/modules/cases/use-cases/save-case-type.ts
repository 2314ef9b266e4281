import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CaseTypeForm } from '../case-types.schema.js';
import { caseTypeNameTaken, updateCaseType } from '../cases.queries.js';

/**
 * Changes a case type of the hromada's own: its name, whether it is restricted (for the cases opened after — an
 * open case keeps the access it opened with) and whether new cases may take it. A shared type is not the hromada's
 * to change (404). Audited.
 */
export async function saveCaseType(o: UseCase<{ code: string; input: CaseTypeForm }>): Promise<void> {
  return inTenant(o, 'caseTypes.manage', async ({ c, hromadaId, audit }) => {
    const { nameUk, restricted, active } = o.input;
    if (await caseTypeNameTaken(c, hromadaId, nameUk, o.code)) throw problem('nameUk', 'cases.types.v.nameTaken');
    const nameEn = o.input.nameEn ?? nameUk;
    if (!(await updateCaseType(c, hromadaId, o.code, { nameUk, nameEn, restricted, active })))
      throw new AppError('not_found');
    await audit({
      action: 'caseType.update',
      operation: 'admin',
      entityType: 'case_type',
      entityId: o.code,
      fields: ['name', 'restricted', 'active'],
    });
  });
}
