import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserById } from '../auth.queries.js';
import { deletePasskey } from '../passkeys.queries.js';
import { mayUsePasskeys } from '../passkeys.policy.js';

/** Removes one of the administrator's own passkeys (another user's id: not found); audited. */
export async function removePasskey(o: { services: Services; actor: Actor; passkeyId: string; meta: RequestMeta }) {
  const { services, actor, meta } = o;
  if (!(await mayUsePasskeys(services.db, actor.userId))) throw new AppError('forbidden');
  const user = await findUserById(services.db, actor.userId);
  if (!user) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId ?? user.homeHromadaId;
  await services.db.tx({ hromadaId, userId: user.id }, async (c) => {
    if (!(await deletePasskey(c, user.id, o.passkeyId))) throw new AppError('not_found');
    await auditWriter(c, authActor(user), meta, { hromadaId })({
      action: 'auth.passkey.remove',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
      fields: ['passkey'],
    });
  });
}
