import { writeAudit } from '../../../platform/audit.js';
import { updateProfile } from '../residents.queries.js';
import type { RequestMeta, ResidentServices } from '../residents.context.js';

/** Changes the resident's own display name and preferred language; audits the changed fields. */
export async function updateResidentProfile(o: {
  services: Pick<ResidentServices, 'db'>; userId: string; displayName: string; locale: string; meta: RequestMeta;
}): Promise<void> {
  await o.services.db.tx({ hromadaId: null, userId: o.userId }, async (c) => {
    const changed = await updateProfile(c, o.userId, { displayName: o.displayName, locale: o.locale });
    if (!changed.length) return;
    await writeAudit(c, {
      hromadaId: null, actorId: o.userId, action: 'resident.profile_update', operation: 'write',
      entityType: 'user', entityId: o.userId, fields: changed, ...o.meta,
    });
  });
}
