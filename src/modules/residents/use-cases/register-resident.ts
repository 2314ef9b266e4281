import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { hashPassword } from '../../../platform/passwords.js';
import type { MailMessage } from '../../../platform/mail.js';
import { findUserByEmail, insertResident, recordAttempt } from '../residents.queries.js';
import { issueToken } from '../tokens.js';
import { accountExistsMail, verificationMail } from '../residents.mail.js';
import { mailKey, MAILS_PER_HOUR, residentActor, type ResidentServices } from '../residents.context.js';
import type { RegisterForm } from '../residents.schema.js';
import { ensureProfile } from '../profile/profile.queries.js';

/**
 * Registers a resident with an unverified e-mail and sends the verification link. When the
 * address is taken the caller sees exactly the same outcome; the owner of the address gets an
 * e-mail instead (a fresh link when still unverified, otherwise a notice of the attempt).
 */
export async function registerResident(o: {
  services: ResidentServices;
  form: RegisterForm;
  locale: string;
  baseUrl: string;
  meta: RequestMeta;
}): Promise<void> {
  const { db, jobs } = o.services;
  const { form, meta } = o;
  // Hash in both branches, so the response time does not tell whether the address exists.
  const passwordHash = await hashPassword(form.password);
  const mail = await db.tx({ hromadaId: null }, async (c): Promise<MailMessage | null> => {
    const userId = await insertResident(c, {
      email: form.email,
      displayName: form.name,
      passwordHash,
      locale: o.locale,
      verified: false,
    });
    if (userId) {
      await ensureProfile(c, userId);
      await recordAttempt(c, mailKey(form.email), 60);
      const token = await issueToken(c, userId, 'verify_email');
      await auditWriter(
        c,
        residentActor(userId),
        meta,
      )({
        action: 'resident.register',
        operation: 'auth',
        entityType: 'user',
        entityId: userId,
        fields: ['display_name', 'email', 'password_hash', 'consent'],
      });
      return verificationMail(form.email, o.locale, form.name, o.baseUrl, token);
    }
    const existing = await findUserByEmail(c, form.email);
    if (!existing?.email) return null;
    await auditWriter(
      c,
      null,
      meta,
    )({
      action: 'resident.register_existing',
      operation: 'auth',
      entityType: 'user',
      entityId: existing.id,
    });
    if ((await recordAttempt(c, mailKey(form.email), 60)) > MAILS_PER_HOUR) return null;
    if (existing.kind === 'resident' && existing.active && !existing.email_verified_at) {
      const token = await issueToken(c, existing.id, 'verify_email');
      return verificationMail(existing.email, existing.locale, existing.display_name, o.baseUrl, token);
    }
    return accountExistsMail(existing.email, existing.locale, o.baseUrl);
  });
  if (mail) await jobs.sendMail(mail);
}
