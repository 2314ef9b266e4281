import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { settlementDistricts, type Option } from '../persons-web.queries.js';

/** The settlements where the actor may place a person (a starosta: those of their district), for the person form. */
export async function listPersonSettlements(o: UseCase): Promise<Option[]> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId }) =>
    (await settlementDistricts(c, hromadaId))
      .filter((s) => can(actor, 'registry.write', { hromadaId, districtId: s.districtId }))
      .map(({ value, text }) => ({ value, text })),
  );
}
