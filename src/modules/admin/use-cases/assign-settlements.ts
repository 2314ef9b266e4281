import { auditAdmin } from '../admin.audit.js';
import { FormProblem } from '../form.js';
import { requireDistrict } from '../hromadas.queries.js';
import { authorizeTenantSetup, requireActiveHromada } from '../hromadas.policy.js';
import { type SetupBase } from './setup-base.js';

/**
 * Makes `codes` exactly the settlements of a district. Each code must be a settlement of
 * this hromada; one ticked here while in another district moves here (a settlement
 * belongs to at most one district).
 */
export async function assignSettlements(o: SetupBase & { districtId: number; codes: string[] }): Promise<void> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  const codes = [...new Set(o.codes)];
  await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const h = await requireActiveHromada(c, o.hromadaId);
    await requireDistrict(c, o.hromadaId, o.districtId);
    const valid = await c.query<{ code: string }>(
      'SELECT code FROM settlements WHERE hromada_code = $1 AND code = ANY($2::text[])', [h.code, codes]);
    if (valid.rows.length !== codes.length) throw new FormProblem([{ field: 'codes', key: 'admin.errors.foreignSettlement' }]);
    const removed = await c.query(
      'DELETE FROM district_settlements WHERE hromada_id = $1 AND district_id = $2 AND settlement_code <> ALL($3::text[])',
      [o.hromadaId, o.districtId, codes]);
    const added = await c.query(
      `INSERT INTO district_settlements (hromada_id, district_id, settlement_code) SELECT $1, $2, unnest($3::text[])
       ON CONFLICT (hromada_id, settlement_code) DO UPDATE SET district_id = EXCLUDED.district_id
       WHERE district_settlements.district_id <> EXCLUDED.district_id`, [o.hromadaId, o.districtId, codes]);
    if (!removed.rowCount && !added.rowCount) return;
    await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'district.settlements', entityType: 'district',
      entityId: o.districtId, fields: ['settlements'],
      reason: `+${added.rowCount ?? 0} −${removed.rowCount ?? 0}` });
  });
}
