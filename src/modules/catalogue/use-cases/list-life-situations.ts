import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listSituations, type SituationRow } from '../catalogue.queries.js';

/** The administrators' list of life situations (also those not shown to the public). */
export async function listLifeSituations(o: UseCase): Promise<SituationRow[]> {
  return inTenant(o, 'catalogue.manage', ({ c }) => listSituations(c, { includeInactive: true }));
}
