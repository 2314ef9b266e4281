import { auditWriter } from '../../../platform/audit.js';
import { problem } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { insertAgency, isUniqueViolation } from '../hromadas.queries.js';
import { authorizeTenantSetup, requireActiveHromada } from '../admin.policy.js';

/** Creates an agency (a provider organisation or a department) a role can be scoped to. */
export async function createAgency(o: UseCase<{ hromadaId: number; name: string; kind: 'provider' | 'department' }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    return await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      await requireActiveHromada(c, o.hromadaId);
      const id = await insertAgency(c, o.hromadaId, o.name, o.kind);
      await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
        action: 'agency.create',
        operation: 'admin',
        entityType: 'agency',
        entityId: String(id),
        fields: ['name', 'kind'],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('name', 'admin.errors.nameTaken');
    throw e;
  }
}
