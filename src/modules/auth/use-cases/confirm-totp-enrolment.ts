import type { Services } from '../../../services.js';
import type { SessionRecord } from '../../../platform/session.js';
import { authActor, type SessionPort } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { deleteSession, enableTotp } from '../auth.queries.js';
import { hashRecoveryCode, newRecoveryCodes, totpStep } from '../second-factor.js';
import { afterLoginPath, completeLogin, failSecondFactor, pendingStaffUser } from '../login-steps.js';

export type EnrolmentResult =
  { ok: true; recoveryCodes: string[]; next: string } | { ok: false; ended: boolean; gone?: boolean };

/**
 * Confirms TOTP enrolment with a code from the app: TOTP is switched on, ten
 * recovery codes are issued (shown once, stored hashed) and the session is
 * rotated to one with MFA passed. A wrong code counts toward the lockout.
 */
export async function confirmTotpEnrolment(o: {
  services: Services;
  pending: SessionRecord;
  code: string;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<EnrolmentResult> {
  const { services, pending, meta } = o;
  const user = await pendingStaffUser(services, pending.userId);
  if (!user || user.totpEnabled || !user.totpSecret) return { ok: false, ended: false, gone: true };
  const secret = services.box.open(user.totpSecret);
  const auditHromada = pending.hromadaId ?? user.homeHromadaId;
  return services.db.tx({ hromadaId: auditHromada, userId: user.id }, async (c) => {
    const step = user.active && !user.locked ? totpStep(secret, o.code) : null;
    if (step === null) {
      const { locked } = await failSecondFactor(c, services, {
        user,
        hromadaId: pending.hromadaId,
        reason: 'enrolment',
        meta,
      });
      const ended = locked || user.locked || !user.active;
      if (ended) await deleteSession(c, pending.idHash);
      return { ok: false, ended };
    }
    const recoveryCodes = newRecoveryCodes();
    const hashes = recoveryCodes.map((code) => hashRecoveryCode(services.keys.lookup, code));
    if (!(await enableTotp(c, user.id, step, hashes))) return { ok: false, ended: false, gone: true };
    await auditWriter(c, authActor(user), meta, { hromadaId: auditHromada })({
      action: 'auth.totp.enrol',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
    await completeLogin(c, { user, hromadaId: pending.hromadaId, method: 'enrolment', meta, session: o.session });
    return { ok: true, recoveryCodes, next: afterLoginPath(user) };
  });
}
