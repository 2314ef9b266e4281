import { writeAudit } from '../../../platform/audit.js';
import { findUserByEmail, recordAttempt } from '../residents.queries.js';
import { issueToken } from '../tokens.js';
import { resetMail } from '../residents.mail.js';
import { mailKey, MAILS_PER_HOUR, type RequestMeta, type ResidentServices } from '../residents.context.js';

/** Sends a one-hour, single-use reset link when the address belongs to an active resident; silent otherwise. */
export async function requestPasswordReset(o: {
  services: Pick<ResidentServices, 'db' | 'jobs'>; email: string; baseUrl: string; meta: RequestMeta;
}): Promise<void> {
  const mail = await o.services.db.tx({ hromadaId: null }, async (c) => {
    const user = await findUserByEmail(c, o.email);
    if (!user?.email || user.kind !== 'resident' || !user.active) return null;
    if ((await recordAttempt(c, mailKey(o.email), 60)) > MAILS_PER_HOUR) return null;
    const token = await issueToken(c, user.id, 'reset_password');
    await writeAudit(c, {
      hromadaId: null, action: 'resident.password_reset_requested', operation: 'auth', entityType: 'user', entityId: user.id, ...o.meta,
    });
    return resetMail(user.email, user.locale, o.baseUrl, token);
  });
  if (mail) await o.services.jobs.sendMail(mail);
}
