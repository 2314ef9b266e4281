import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { hashPassword } from '../../../platform/passwords.js';
import { deleteSessionsOfUser, findUserById, markEmailVerified, setPassword } from '../residents.queries.js';
import { consumeToken } from '../tokens.js';
import { residentActor, type ResidentServices } from '../residents.context.js';

/**
 * Sets a new password with a reset token (used once), ends every session of the resident and
 * clears any lockout; the e-mail counts as verified, since the link reached its owner.
 */
export async function resetPassword(o: {
  services: Pick<ResidentServices, 'db'>;
  token: string;
  password: string;
  meta: RequestMeta;
}): Promise<boolean> {
  const passwordHash = await hashPassword(o.password);
  return o.services.db.tx({ hromadaId: null }, async (c) => {
    const userId = await consumeToken(c, o.token, 'reset_password');
    if (!userId) return false;
    const user = await findUserById(c, userId);
    if (!user || user.kind !== 'resident' || !user.active) return false;
    await setPassword(c, userId, passwordHash);
    await markEmailVerified(c, userId);
    await deleteSessionsOfUser(c, userId);
    await auditWriter(
      c,
      residentActor(userId),
      o.meta,
    )({
      action: 'resident.password_reset',
      operation: 'auth',
      entityType: 'user',
      entityId: userId,
      fields: ['password_hash'],
    });
    return true;
  });
}
