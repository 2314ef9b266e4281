import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { problem } from '../../../platform/errors.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../../platform/passwords.js';
import { E } from '../auth.schema.js';
import { authActor, type SessionPort } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { deleteSessionsOfUser, findUserById, setPassword, type AuthUser } from '../auth.queries.js';
import { failCurrentPassword } from './fail-current-password.js';

export type PasswordChangeResult = { ok: true } | { ok: false; locked: true };

/** Words a password must not contain: the login name and parts of the person's name. */
const personalWords = (u: AuthUser) => [u.username ?? '', ...u.displayName.split(/[\s-]+/)];

/**
 * Changes the signed-in staff member's own password. The current password is
 * required (a wrong one counts toward the lockout). Success ends every other
 * session and rotates the current one. A wrong current password (not locked yet),
 * an unacceptable new one or a confirmation that differs is a `ValidationError`.
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
    if (locked) return { ok: false, locked: true };
    throw problem('currentPassword', E('currentWrong'));
  }
  const refused = passwordProblem(o.next, personalWords(user)) ?? (o.next === o.current ? 'sameAsCurrent' : null);
  if (refused) throw problem('newPassword', E(refused));
  if (o.confirm !== o.next) throw problem('confirmPassword', E('mismatch'));
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
