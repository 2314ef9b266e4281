import type { UseCase } from '../../../platform/use-case.js';
import { authorizeTenantSetup } from '../admin.policy.js';
import { listSettlements, requireDistrict, requireHromada } from '../hromadas.queries.js';

/** A district with every settlement of its hromada. */
export async function getDistrict(o: UseCase<{ hromadaId: number; districtId: number }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  return o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => ({
    hromada: await requireHromada(c, o.hromadaId),
    district: await requireDistrict(c, o.hromadaId, o.districtId),
    settlements: await listSettlements(c, o.hromadaId),
  }));
}
