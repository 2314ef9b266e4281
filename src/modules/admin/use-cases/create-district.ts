import { auditAdmin, isUniqueViolation } from '../admin.audit.js';
import { authorizeTenantSetup, requireActiveHromada } from '../hromadas.policy.js';
import { type SetupBase, nameTaken } from './setup-base.js';

/** Creates a starosta district in a hromada (in that hromada's transaction, so RLS checks the tenant). */
export async function createDistrict(o: SetupBase & { name: string }): Promise<number> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    return await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      await requireActiveHromada(c, o.hromadaId);
      const { rows } = await c.query<{ id: number }>(
        'INSERT INTO districts (hromada_id, name) VALUES ($1, $2) RETURNING id', [o.hromadaId, o.name]);
      await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'district.create', entityType: 'district',
        entityId: rows[0].id, fields: ['name'] });
      return rows[0].id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}
