import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from '../../../platform/passwords.js';
import { authActor, type SessionPort } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { deleteSessionsOfUser, findUserById, setPassword, type AuthUser } from '../auth.queries.js';
import { failCurrentPassword } from './fail-current-password.js';

export type PasswordChangeError = 'currentWrong' | 'mismatch' | 'sameAsCurrent' | PasswordProblem;
export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; errors: Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword', PasswordChangeError>> }
  | { ok: false; locked: true };

/** Words a password must not contain: the login name and parts of the person's name. */
const personalWords = (u: AuthUser) => [u.username ?? '', ...u.displayName.split(/[\s-]+/)];

/**
 * Changes the signed-in staff member's own password. The current password is
 * required (a wrong one counts toward the lockout). Success ends every other
 * session and rotates the current one.
 */
export async function changePassword(o: {
  services: Services;
  actor: Actor;
  current: string;
  next: string;
  confirm: string;
  meta: RequestMeta;
  session: SessionPort;
}): Promise<PasswordChangeResult> {
  const { services, actor, meta } = o;
  const user = await findUserById(services.db, actor.userId);
  if (!user) return { ok: false, locked: true };
  const hromadaId = actor.hromadaId ?? user.homeHromadaId;
  if (!(await verifyPassword(user.passwordHash, o.current))) {
    const { locked } = await services.db.tx({ hromadaId, userId: user.id }, (c) =>
      failCurrentPassword(c, services, { user, hromadaId, action: 'auth.password.change.failed', meta }),
    );
    return locked ? { ok: false, locked: true } : { ok: false, errors: { currentPassword: 'currentWrong' } };
  }
  const problem: PasswordChangeError | null =
    passwordProblem(o.next, personalWords(user)) ?? (o.next === o.current ? 'sameAsCurrent' : null);
  if (problem) return { ok: false, errors: { newPassword: problem } };
  if (o.confirm !== o.next) return { ok: false, errors: { confirmPassword: 'mismatch' } };
  const hash = await hashPassword(o.next);
  await services.db.tx({ hromadaId, userId: user.id }, async (c) => {
    await setPassword(c, user.id, hash);
    await auditWriter(c, authActor(user), meta, { hromadaId })({
      action: 'auth.password.change',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
    await deleteSessionsOfUser(c, user.id);
    await o.session.start(c, { userId: user.id, hromadaId: actor.hromadaId, mfaPassed: true });
  });
  return { ok: true };
}
