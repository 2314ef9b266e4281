import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { districtsOf } from '../appointments.queries.js';

/** What the form of a new office offers: the hromada's starosta districts. */
export async function getOfficeForm(o: UseCase) {
  return inTenant(o, 'offices.manage', async ({ c, hromadaId }) => ({ districts: await districtsOf(c, hromadaId) }));
}
