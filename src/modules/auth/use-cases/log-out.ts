import type { Services } from '../../../services.js';
import type { SessionRecord } from '../../../platform/session.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { deleteSessionsOfUser, findUserById } from '../auth.queries.js';

/** Ends every session of the session's user (staff or resident), audited in the same transaction. */
export async function logOut(o: { services: Services; session: SessionRecord; meta: RequestMeta }): Promise<void> {
  const { services, session } = o;
  const user = await findUserById(services.db, session.userId);
  const hromadaId = user?.kind === 'staff' ? (session.hromadaId ?? user.homeHromadaId) : null;
  await services.db.tx({ hromadaId, userId: session.userId }, async (c) => {
    if (user)
      await auditWriter(c, authActor(user), o.meta, { hromadaId })({
        action: 'auth.logout',
        operation: 'auth',
        entityType: 'user',
        entityId: user.id,
      });
    await deleteSessionsOfUser(c, session.userId);
  });
}
