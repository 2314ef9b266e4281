import { auditAdmin, isUniqueViolation } from '../admin.audit.js';
import { authorizeTenantSetup, requireActiveHromada } from '../hromadas.policy.js';
import { type SetupBase, nameTaken } from './setup-base.js';

/** Creates an agency (a provider organisation or a department) a role can be scoped to. */
export async function createAgency(o: SetupBase & { name: string; kind: 'provider' | 'department' }): Promise<number> {
  const actor = authorizeTenantSetup(o.actor, o.hromadaId);
  try {
    return await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      await requireActiveHromada(c, o.hromadaId);
      const { rows } = await c.query<{ id: number }>(
        'INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, $2, $3) RETURNING id', [o.hromadaId, o.name, o.kind]);
      await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'agency.create', entityType: 'agency',
        entityId: rows[0].id, fields: ['name', 'kind'] });
      return rows[0].id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}
