import type { UseCase } from '../../../platform/use-case.js';
import { listSituations, type SituationRow } from '../catalogue.queries.js';
import { inCatalogue } from '../catalogue.tenant.js';

/** The public list of life situations. */
export async function browseSituations(o: UseCase): Promise<SituationRow[]> {
  return inCatalogue(o, (c) => listSituations(c));
}
