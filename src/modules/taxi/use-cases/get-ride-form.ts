import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { settlementDistricts } from '../../persons-web/persons-web.queries.js';

/** The settlements a ride can start in for this member of staff (a starosta: those of their district). */
export async function getRideForm(o: UseCase) {
  return inTenant(o, 'taxi.request', async ({ c, actor, hromadaId }) => ({
    settlements: (await settlementDistricts(c, hromadaId)).filter((s) =>
      can(actor, 'taxi.request', { hromadaId, districtId: s.districtId }),
    ),
  }));
}
