import { auditWriter } from '../../../platform/audit.js';
import { problem } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { countSettlementsOf, replaceDistrictSettlements, requireDistrict } from '../hromadas.queries.js';
import { authorizeTenantSetup, requireActiveHromada } from '../admin.policy.js';

/**
 * Makes `codes` exactly the settlements of a district. Each code must be a settlement of
 * this hromada; one ticked here while in another district moves here (a settlement
 * belongs to at most one district).
 */
export async function assignSettlements(o: UseCase<{ hromadaId: number; districtId: number; codes: string[] }>) {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  const codes = [...new Set(o.codes)];
  await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const h = await requireActiveHromada(c, o.hromadaId);
    await requireDistrict(c, o.hromadaId, o.districtId);
    if ((await countSettlementsOf(c, h.code, codes)) !== codes.length)
      throw problem('codes', 'admin.errors.foreignSettlement');
    const { added, removed } = await replaceDistrictSettlements(c, o.hromadaId, o.districtId, codes);
    if (!removed && !added) return;
    await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
      action: 'district.settlements',
      operation: 'admin',
      entityType: 'district',
      entityId: String(o.districtId),
      fields: ['settlements'],
      reason: `+${added} −${removed}`,
    });
  });
}
