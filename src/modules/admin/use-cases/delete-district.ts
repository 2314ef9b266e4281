import { AppError } from '../../../platform/errors.js';
import { auditAdmin } from '../admin.audit.js';
import { requireDistrict } from '../hromadas.queries.js';
import { authorizeTenantSetup } from '../hromadas.policy.js';
import { type SetupBase } from './setup-base.js';

/** Deletes a district that has no settlements and no roles scoped to it. */
export async function deleteDistrict(o: SetupBase & { districtId: number; reason: string }): Promise<void> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const d = await requireDistrict(c, o.hromadaId, o.districtId);
    if (d.settlements > 0 || d.grants > 0) throw new AppError('conflict', { messageKey: 'admin.errors.districtNotEmpty' });
    await c.query('DELETE FROM districts WHERE id = $1 AND hromada_id = $2', [o.districtId, o.hromadaId]);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'district.delete', entityType: 'district',
      entityId: o.districtId, fields: ['name'], reason: o.reason || undefined });
  });
}
