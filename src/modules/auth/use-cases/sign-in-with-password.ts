import type { Services } from '../../../services.js';
import { dummyHash, verifyPassword } from '../../../platform/passwords.js';
import { hmacHex } from '../../../platform/secrets.js';
import { auditAuth, startingHromada, type RequestMeta, type SessionPort } from '../auth.context.js';
import { countAttempts, findStaffByUsername, recordAttempt, recordFailure } from '../auth.queries.js';

/** More than this many attempts for one IP and login name within the window are refused. */
export const LOGIN_RATE_MAX = 20;
export const LOGIN_RATE_WINDOW_MINUTES = 15;

export type PasswordStepResult = 'totp' | 'enrol' | 'invalid' | 'rate_limited';

/**
 * The password step of staff login. Every refusal (unknown user, wrong password,
 * deactivated or locked account) looks the same and costs one password hash.
 * Success replaces any session with a new one that has not passed MFA yet.
 */
export async function signInWithPassword(o: {
  services: Services; username: string; password: string; meta: RequestMeta; session: SessionPort;
}): Promise<PasswordStepResult> {
  const { services, meta } = o;
  const { db, config } = services;
  const key = hmacHex(services.keys.lookup, `login|${meta.ip}|${o.username.toLowerCase()}`);
  if (await countAttempts(db, key, LOGIN_RATE_WINDOW_MINUTES) >= LOGIN_RATE_MAX) return 'rate_limited';
  await recordAttempt(db, key, LOGIN_RATE_WINDOW_MINUTES);

  const user = await findStaffByUsername(db, o.username);
  const passwordOk = await verifyPassword(user?.passwordHash ?? await dummyHash(), o.password);

  if (!user) {
    await db.tx({ hromadaId: null }, (c) => auditAuth(c, { action: 'auth.login.failed', hromadaId: null, reason: 'unknown_user', meta }));
    return 'invalid';
  }
  const hromadaId = await startingHromada(services, user);
  const auditHromada = hromadaId ?? user.homeHromadaId;
  return db.tx({ hromadaId: auditHromada, userId: user.id }, async (c) => {
    if (!user.active || user.locked || !passwordOk) {
      const reason = !user.active ? 'inactive' : user.locked ? 'locked' : 'password';
      await auditAuth(c, { action: 'auth.login.failed', hromadaId: auditHromada, user, reason, meta });
      if (reason === 'password') {
        const { justLocked } = await recordFailure(c, user.id, config.LOGIN_MAX_FAILURES, config.LOGIN_LOCK_MINUTES);
        if (justLocked) await auditAuth(c, { action: 'auth.lockout', hromadaId: auditHromada, user, meta });
      }
      return 'invalid';
    }
    await auditAuth(c, { action: 'auth.login.password', hromadaId: auditHromada, user, meta });
    await o.session.start(c, { userId: user.id, hromadaId, mfaPassed: false });
    return user.totpEnabled ? 'totp' : 'enrol';
  });
}
