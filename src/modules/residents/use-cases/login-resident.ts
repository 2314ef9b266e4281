import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { dummyHash, verifyPassword } from '../../../platform/passwords.js';
import {
  clearFailedLogins,
  countAttempts,
  findUserByEmail,
  recordAttempt,
  recordFailedLogin,
} from '../residents.queries.js';
import { loginKey, residentActor, type ResidentServices } from '../residents.context.js';

export type LoginResult =
  { kind: 'ok'; userId: string; locale: string } | { kind: 'invalid' } | { kind: 'locked' } | { kind: 'unverified' };

/**
 * Checks a resident's e-mail and password. Wrong password and unknown address look the same
 * (same message, same work); after LOGIN_MAX_FAILURES failures the account (or, for an unknown
 * address, the address) is locked for LOGIN_LOCK_MINUTES. An unverified address is refused only
 * after the correct password, so the refusal reveals nothing to a stranger.
 */
export async function loginResident(o: {
  services: Pick<ResidentServices, 'db' | 'config'>;
  email: string;
  password: string;
  meta: RequestMeta;
}): Promise<LoginResult> {
  const { db, config } = o.services;
  const max = config.LOGIN_MAX_FAILURES;
  const minutes = config.LOGIN_LOCK_MINUTES;
  const found = await findUserByEmail(db, o.email);
  const user = found && found.kind === 'resident' && found.active ? found : null;
  const audit =
    (action: string, reason: string | null = null) =>
    (c: Parameters<typeof auditWriter>[0]) =>
      auditWriter(
        c,
        action === 'resident.login' && user ? residentActor(user.id) : null,
        o.meta,
      )({
        action,
        operation: 'auth',
        entityType: user ? 'user' : null,
        entityId: user?.id ?? null,
        reason,
      });

  const locked = user
    ? user.locked_until !== null && user.locked_until.getTime() > Date.now()
    : (await countAttempts(db, loginKey(o.email), minutes)) >= max;
  if (locked) {
    await db.tx({ hromadaId: null }, audit('resident.login_failed', 'locked'));
    return { kind: 'locked' };
  }

  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyHash()), o.password);
  return db.tx({ hromadaId: null }, async (c): Promise<LoginResult> => {
    if (!user || !user.password_hash || !passwordOk) {
      const nowLocked = user
        ? await recordFailedLogin(c, user.id, max, minutes)
        : (await recordAttempt(c, loginKey(o.email), minutes)) >= max;
      await audit('resident.login_failed', nowLocked ? 'locked' : 'password')(c);
      return { kind: nowLocked ? 'locked' : 'invalid' };
    }
    await clearFailedLogins(c, user.id);
    if (!user.email_verified_at) {
      await audit('resident.login_failed', 'unverified')(c);
      return { kind: 'unverified' };
    }
    await audit('resident.login')(c);
    return { kind: 'ok', userId: user.id, locale: user.locale };
  });
}
