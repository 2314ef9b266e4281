import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { allCaseTypes, type CaseTypeAdminRow } from '../cases.queries.js';

/** The administrator's list of case types: the shared ones and the hromada's own, with how many cases each has. */
export async function listCaseTypes(o: UseCase): Promise<CaseTypeAdminRow[]> {
  return inTenant(o, 'caseTypes.manage', ({ c, hromadaId }) => allCaseTypes(c, hromadaId));
}
