import type { UseCase } from '../../../platform/use-case.js';
import { authorizeTenantSetup, requireActiveHromada } from '../admin.policy.js';
import { readIssuer, type IssuerSettings } from '../hromadas.queries.js';

/** The issuing body of an active hromada's decisions, as saved. */
export async function getIssuer(o: UseCase<{ hromadaId: number }>): Promise<IssuerSettings> {
  authorizeTenantSetup(o.actor, o.hromadaId);
  return o.services.db.tx({ hromadaId: o.hromadaId }, async (c) => {
    await requireActiveHromada(c, o.hromadaId);
    return readIssuer(c, o.hromadaId);
  });
}
