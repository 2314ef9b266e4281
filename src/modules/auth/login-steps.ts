/** Steps of a staff sign-in shared by the second-factor use-cases (TOTP, recovery code, enrolment, passkey, ticket). */
import type { Queryable } from '../../platform/db.js';
import type { Services } from '../../services.js';
import { authActor, type SessionPort } from './auth.context.js';
import { auditWriter, type RequestMeta } from '../../platform/audit.js';
import { findUserById, recordFailure, resetFailures, type AuthUser } from './auth.queries.js';

/** Where a staff member goes after signing in. */
export const afterLoginPath = (user: AuthUser) => (user.mustChangePassword ? '/account?required=1' : '/staff');

/** The pending (password-only) session's user, when it is an active staff account. */
export async function pendingStaffUser(services: Services, userId: string): Promise<AuthUser | null> {
  const user = await findUserById(services.db, userId);
  return user && user.kind === 'staff' ? user : null;
}

/** Second factor passed: clear the failure count, audit, and rotate to a session with MFA passed. */
export async function completeLogin(
  q: Queryable,
  o: {
    user: AuthUser;
    hromadaId: number | null;
    method: 'totp' | 'recovery_code' | 'enrolment' | 'passkey';
    meta: RequestMeta;
    session: SessionPort;
  },
) {
  await resetFailures(q, o.user.id);
  await auditWriter(q, authActor(o.user), o.meta, { hromadaId: o.hromadaId ?? o.user.homeHromadaId })({
    action: 'auth.login',
    operation: 'auth',
    entityType: 'user',
    entityId: o.user.id,
    reason: o.method,
  });
  await o.session.start(q, { userId: o.user.id, hromadaId: o.hromadaId, mfaPassed: true });
}

/** A wrong second factor counts toward the lockout like a wrong password. */
export async function failSecondFactor(
  q: Queryable,
  services: Services,
  o: {
    user: AuthUser;
    hromadaId: number | null;
    reason: string;
    meta: RequestMeta;
  },
): Promise<{ locked: boolean }> {
  const h = o.hromadaId ?? o.user.homeHromadaId;
  await auditWriter(q, authActor(o.user), o.meta, { hromadaId: h })({
    action: 'auth.login.failed',
    operation: 'auth',
    entityType: 'user',
    entityId: o.user.id,
    reason: o.reason,
  });
  const { justLocked } = await recordFailure(
    q,
    o.user.id,
    services.config.LOGIN_MAX_FAILURES,
    services.config.LOGIN_LOCK_MINUTES,
  );
  if (justLocked)
    await auditWriter(q, authActor(o.user), o.meta, { hromadaId: h })({
      action: 'auth.lockout',
      operation: 'auth',
      entityType: 'user',
      entityId: o.user.id,
    });
  return { locked: justLocked };
}
