import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { authorizeTenantSetup, requireActiveHromada } from '../admin.policy.js';
import { writeIssuer, type IssuerSettings } from '../hromadas.queries.js';

/** Saves the issuing body (an administrative change, audited with the names of the fields). */
export async function saveIssuer(o: UseCase<{ hromadaId: number; input: IssuerSettings }>): Promise<void> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    await requireActiveHromada(c, o.hromadaId);
    await writeIssuer(c, o.hromadaId, o.input);
    await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
      action: 'hromada.issuer.update',
      operation: 'admin',
      entityType: 'hromada',
      entityId: String(o.hromadaId),
      fields: ['council', 'department', 'officialPosition'],
    });
  });
}
