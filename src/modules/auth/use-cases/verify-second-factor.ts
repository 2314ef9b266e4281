import type { Services } from '../../../services.js';
import type { SessionRecord } from '../../../platform/session.js';
import type { SessionPort } from '../auth.context.js';
import type { RequestMeta } from '../../../platform/audit.js';
import { consumeRecoveryCode, deleteSession, useTotpStep } from '../auth.queries.js';
import { hashRecoveryCode, isTotpFormat, totpStep } from '../second-factor.js';
import { afterLoginPath, completeLogin, failSecondFactor, pendingStaffUser } from '../login-steps.js';
import { clearClientFailures, clientWait, recordLoginFailure, throttleKeys } from '../login-throttle.js';

export type SecondFactorResult = { ok: true; next: string } | { ok: false; ended: boolean; rateLimited?: boolean };

/**
 * The second step of staff login: a 6-digit TOTP code (each time-step usable once)
 * or a one-time recovery code. A wrong code counts toward the lockout (only someone who
 * knew the password gets here) and against the client (login-throttle.ts); when the account
 * is (or becomes) locked the pending session is ended. A throttled client waits (429).
 */
export async function verifySecondFactor(o: {
  services: Services;
  pending: SessionRecord;
  code: string;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<SecondFactorResult> {
  const { services, pending, meta } = o;
  const user = await pendingStaffUser(services, pending.userId);
  if (!user || !user.totpEnabled || !user.totpSecret) return { ok: false, ended: false };
  const keys = throttleKeys(services, meta.ip ?? '', user.username ?? '');
  if ((await clientWait(services.db, services, keys)) > 0) return { ok: false, ended: false, rateLimited: true };
  const secret = services.box.open(user.totpSecret);
  const auditHromada = pending.hromadaId ?? user.homeHromadaId;
  return services.db.tx({ hromadaId: auditHromada, userId: user.id }, async (c) => {
    if (!user.active || user.locked) {
      await failSecondFactor(c, services, {
        user,
        hromadaId: pending.hromadaId,
        reason: user.active ? 'locked' : 'inactive',
        meta,
      });
      await deleteSession(c, pending.idHash);
      return { ok: false, ended: true };
    }
    let passed: boolean;
    let method: 'totp' | 'recovery_code' = 'totp';
    if (isTotpFormat(o.code)) {
      const step = totpStep(secret, o.code);
      passed = step !== null && (await useTotpStep(c, user.id, step));
    } else {
      method = 'recovery_code';
      passed = await consumeRecoveryCode(c, user.id, hashRecoveryCode(services.keys.lookup, o.code));
    }
    if (!passed) {
      await recordLoginFailure(c, services, keys);
      const { locked } = await failSecondFactor(c, services, {
        user,
        hromadaId: pending.hromadaId,
        reason: method,
        meta,
      });
      if (locked) await deleteSession(c, pending.idHash);
      return { ok: false, ended: locked };
    }
    await completeLogin(c, { user, hromadaId: pending.hromadaId, method, meta, session: o.session });
    await clearClientFailures(c, keys);
    return { ok: true, next: afterLoginPath(user) };
  });
}
