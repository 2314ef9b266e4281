import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserById, markEmailVerified } from '../residents.queries.js';
import { consumeToken } from '../tokens.js';
import { residentActor, type ResidentServices } from '../residents.context.js';
import { ensureProfile } from '../profile/profile.queries.js';

/** Uses a verification token once and marks the resident's e-mail verified; null when the link is not valid. */
export async function verifyEmail(o: {
  services: Pick<ResidentServices, 'db'>;
  token: string;
  meta: RequestMeta;
}): Promise<{ userId: string; locale: string } | null> {
  return o.services.db.tx({ hromadaId: null }, async (c) => {
    const userId = await consumeToken(c, o.token, 'verify_email');
    if (!userId) return null;
    const user = await findUserById(c, userId);
    if (!user || user.kind !== 'resident' || !user.active) return null;
    await markEmailVerified(c, userId);
    await ensureProfile(c, userId);
    await auditWriter(
      c,
      residentActor(userId),
      o.meta,
    )({
      action: 'resident.verify_email',
      operation: 'auth',
      entityType: 'user',
      entityId: userId,
      fields: ['email_verified_at'],
    });
    return { userId, locale: user.locale };
  });
}
