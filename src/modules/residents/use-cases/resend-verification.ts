import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserByEmail, recordAttempt } from '../residents.queries.js';
import { issueToken } from '../tokens.js';
import { verificationMail } from '../residents.mail.js';
import { mailKey, MAILS_PER_HOUR, type ResidentServices } from '../residents.context.js';

/** Sends a new verification link when the address belongs to an unverified resident; silent otherwise. */
export async function resendVerification(o: {
  services: Pick<ResidentServices, 'db' | 'jobs'>;
  email: string;
  baseUrl: string;
  meta: RequestMeta;
}): Promise<void> {
  const mail = await o.services.db.tx({ hromadaId: null }, async (c) => {
    const user = await findUserByEmail(c, o.email);
    if (!user?.email || user.kind !== 'resident' || !user.active || user.email_verified_at) return null;
    if ((await recordAttempt(c, mailKey(o.email), 60)) > MAILS_PER_HOUR) return null;
    const token = await issueToken(c, user.id, 'verify_email');
    await auditWriter(
      c,
      null,
      o.meta,
    )({
      action: 'resident.verification_resent',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
    return verificationMail(user.email, user.locale, user.display_name, o.baseUrl, token);
  });
  if (mail) await o.services.jobs.sendMail(mail);
}
