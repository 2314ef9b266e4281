import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { auditAdmin, requireSuperadmin, type RequestMeta } from '../admin.audit.js';
import { requireHromada } from '../hromadas.queries.js';

/** Makes a codifier hromada a tenant of the platform (superadmin only). Idempotent. */
export async function activateHromada(o: { db: Db; actor: Actor | null; meta: RequestMeta; hromadaId: number }) {
  requireSuperadmin(o.actor);
  const actor = o.actor;
  await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const h = await requireHromada(c, o.hromadaId);
    if (h.active) return;
    await c.query('UPDATE hromadas SET active = true, activated_at = now() WHERE id = $1 AND NOT active', [o.hromadaId]);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'hromada.activate', entityType: 'hromada',
      entityId: o.hromadaId, fields: ['active', 'activated_at'] });
  });
}
