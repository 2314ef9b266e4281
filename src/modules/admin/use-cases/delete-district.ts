import { auditWriter } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { deleteDistrictRow, requireDistrict } from '../hromadas.queries.js';
import { authorizeTenantSetup } from '../admin.policy.js';

/** Deletes a district that has no settlements and no roles scoped to it. */
export async function deleteDistrict(o: UseCase<{ hromadaId: number; districtId: number; reason: string }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const d = await requireDistrict(c, o.hromadaId, o.districtId);
    if (d.settlements > 0 || d.grants > 0)
      throw new AppError('conflict', { messageKey: 'admin.errors.districtNotEmpty' });
    await deleteDistrictRow(c, o.hromadaId, o.districtId);
    await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
      action: 'district.delete',
      operation: 'admin',
      entityType: 'district',
      entityId: String(o.districtId),
      fields: ['name'],
      reason: o.reason || null,
    });
  });
}
