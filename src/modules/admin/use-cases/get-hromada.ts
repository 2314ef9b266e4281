import type { UseCase } from '../../../platform/use-case.js';
import { authorizeTenantSetup } from '../admin.policy.js';
import { listAgencies, listDistricts, requireHromada } from '../hromadas.queries.js';

/** A hromada with its districts and agencies, read in that hromada's tenant context. */
export async function getHromada(o: UseCase<{ hromadaId: number }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  return o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => ({
    hromada: await requireHromada(c, o.hromadaId),
    districts: await listDistricts(c, o.hromadaId),
    agencies: await listAgencies(c, o.hromadaId),
  }));
}
