import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { requireSuperadmin } from '../admin.policy.js';
import { markHromadaActive, requireHromada } from '../hromadas.queries.js';

/** Makes a codifier hromada a tenant of the platform (superadmin only). Idempotent. */
export async function activateHromada(o: UseCase<{ hromadaId: number }>) {
  requireSuperadmin(o.actor);
  const actor = o.actor;
  await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    const h = await requireHromada(c, o.hromadaId);
    if (h.active) return;
    await markHromadaActive(c, o.hromadaId);
    await auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })({
      action: 'hromada.activate',
      operation: 'admin',
      entityType: 'hromada',
      entityId: String(o.hromadaId),
      fields: ['active', 'activated_at'],
    });
  });
}
