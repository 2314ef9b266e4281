import { auditAdmin, isUniqueViolation } from '../admin.audit.js';
import { requireDistrict } from '../hromadas.queries.js';
import { authorizeTenantSetup } from '../hromadas.policy.js';
import { type SetupBase, nameTaken } from './setup-base.js';

export async function renameDistrict(o: SetupBase & { districtId: number; name: string }): Promise<void> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      const d = await requireDistrict(c, o.hromadaId, o.districtId);
      if (d.name === o.name) return;
      await c.query('UPDATE districts SET name = $3 WHERE id = $1 AND hromada_id = $2', [o.districtId, o.hromadaId, o.name]);
      await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'district.rename', entityType: 'district',
        entityId: o.districtId, fields: ['name'] });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}
