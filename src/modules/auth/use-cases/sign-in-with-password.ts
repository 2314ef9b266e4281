import type { Services } from '../../../services.js';
import { dummyHash, verifyPassword } from '../../../platform/passwords.js';
import { authActor, startingHromada, type SessionPort } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findStaffByUsername } from '../auth.queries.js';
import { accountUnderAttack, clientWait, recordLoginFailure, throttleKeys } from '../login-throttle.js';
import { sealTicket } from '../login-ticket.js';

export type PasswordStepResult = 'totp' | 'enrol' | 'invalid' | 'rate_limited' | { ticket: string };

/**
 * The password step of staff login. Every refusal (unknown user, wrong password,
 * deactivated or locked account) looks the same and costs one password hash; it counts
 * against the client and the account (login-throttle.ts) but never locks the account.
 * A client that failed too often waits (429) before its next attempt is checked. Success
 * replaces any session with a new one that has not passed MFA yet.
 * While the account is under attack the step gives no verdict: right or wrong, the answer is
 * a sealed ticket for the code step (the same work and the same answer either way), and only
 * the right password together with a valid second factor signs in there.
 */
export async function signInWithPassword(o: {
  services: Services;
  username: string;
  password: string;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<PasswordStepResult> {
  const { services, meta } = o;
  const { db } = services;
  const keys = throttleKeys(services, meta.ip ?? '', o.username);
  if ((await clientWait(db, services, keys)) > 0) return 'rate_limited';
  const blind = await accountUnderAttack(db, services, keys);

  const user = await findStaffByUsername(db, o.username);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash()), o.password);

  if (blind) {
    await db.tx({ hromadaId: null }, (c) => recordLoginFailure(c, services, keys));
    return {
      ticket: sealTicket(services, { name: o.username, userId: user?.id ?? null, passwordOk: !!user && passwordOk }),
    };
  }
  if (!user) {
    await db.tx({ hromadaId: null }, async (c) => {
      await auditWriter(c, null, meta, { hromadaId: null })({
        action: 'auth.login.failed',
        operation: 'auth',
        reason: 'unknown_user',
      });
      await recordLoginFailure(c, services, keys);
    });
    return 'invalid';
  }
  const hromadaId = await startingHromada(services, user);
  const auditHromada = hromadaId ?? user.homeHromadaId;
  return db.tx({ hromadaId: auditHromada, userId: user.id }, async (c) => {
    if (!user.active || user.locked || !passwordOk) {
      const reason = !user.active ? 'inactive' : user.locked ? 'locked' : 'password';
      await auditWriter(c, authActor(user), meta, { hromadaId: auditHromada })({
        action: 'auth.login.failed',
        operation: 'auth',
        entityType: 'user',
        entityId: user.id,
        reason,
      });
      await recordLoginFailure(c, services, keys);
      return 'invalid';
    }
    await auditWriter(c, authActor(user), meta, { hromadaId: auditHromada })({
      action: 'auth.login.password',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
    await o.session.start(c, { userId: user.id, hromadaId, mfaPassed: false });
    return user.totpEnabled ? 'totp' : 'enrol';
  });
}
