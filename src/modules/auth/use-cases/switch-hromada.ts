import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import type { SessionRecord } from '../../../platform/session.js';
import { AppError } from '../../../platform/errors.js';
import { listUserGrants } from '../../../platform/actor.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserById, setSessionHromada } from '../auth.queries.js';

/** Moves the session to another hromada where the staff member holds a grant; any other is forbidden. */
export async function switchHromada(o: {
  services: Services;
  actor: Actor;
  session: SessionRecord;
  hromadaId: number;
  meta: RequestMeta;
}): Promise<void> {
  const { services, actor } = o;
  const grants = await listUserGrants(services.db, actor.userId);
  if (actor.kind !== 'staff' || !grants.some((g) => g.hromadaId === o.hromadaId)) throw new AppError('forbidden');
  const user = await findUserById(services.db, actor.userId);
  await services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
    await setSessionHromada(c, o.session.idHash, o.hromadaId);
    await auditWriter(c, user && authActor(user), o.meta, { hromadaId: o.hromadaId })({
      action: 'auth.hromada.switch',
      operation: 'auth',
      entityType: user ? 'user' : null,
      entityId: user?.id ?? null,
      reason: actor.hromadaId === null ? undefined : `from:${actor.hromadaId}`,
    });
  });
}
