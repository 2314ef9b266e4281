import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CaseTypeForm } from '../case-types.schema.js';
import { caseTypeNameTaken, insertCaseType } from '../cases.queries.js';

/**
 * Adds a case type of the hromada's own (the shared list stays as it is). A restricted one makes the cases opened
 * with it visible to their team only. Refused when a type of that name exists. Audited.
 */
export async function addCaseType(o: UseCase<{ input: CaseTypeForm }>): Promise<string> {
  return inTenant(o, 'caseTypes.manage', async ({ c, hromadaId, audit }) => {
    const { nameUk, restricted } = o.input;
    if (await caseTypeNameTaken(c, hromadaId, nameUk, null)) throw problem('nameUk', 'cases.types.v.nameTaken');
    const code = await insertCaseType(c, hromadaId, { nameUk, nameEn: o.input.nameEn ?? nameUk, restricted });
    await audit({
      action: 'caseType.create',
      operation: 'admin',
      entityType: 'case_type',
      entityId: code,
      fields: ['name', 'restricted'],
    });
    return code;
  });
}
