import { auditWriter } from '../../../platform/audit.js';
import { problem } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { isUniqueViolation, requireDistrict, updateDistrictName } from '../hromadas.queries.js';
import { authorizeTenantSetup } from '../admin.policy.js';

/** Renames a starosta district (audited only when the name actually changes). */
export async function renameDistrict(o: UseCase<{ hromadaId: number; districtId: number; name: string }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      const d = await requireDistrict(c, o.hromadaId, o.districtId);
      if (d.name === o.name) return;
      await updateDistrictName(c, o.hromadaId, o.districtId, o.name);
      await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
        action: 'district.rename',
        operation: 'admin',
        entityType: 'district',
        entityId: String(o.districtId),
        fields: ['name'],
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('name', 'admin.errors.nameTaken');
    throw e;
  }
}
