import { auditWriter } from '../../../platform/audit.js';
import { problem } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { insertDistrict, isUniqueViolation } from '../hromadas.queries.js';
import { authorizeTenantSetup, requireActiveHromada } from '../admin.policy.js';

/** Creates a starosta district in a hromada (in that hromada's transaction, so RLS checks the tenant). */
export async function createDistrict(o: UseCase<{ hromadaId: number; name: string }>): Promise<number> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    return await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      await requireActiveHromada(c, o.hromadaId);
      const id = await insertDistrict(c, o.hromadaId, o.name);
      await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
        action: 'district.create',
        operation: 'admin',
        entityType: 'district',
        entityId: String(id),
        fields: ['name'],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('name', 'admin.errors.nameTaken');
    throw e;
  }
}
