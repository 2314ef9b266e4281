import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { authActor } from '../auth.context.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { findUserById, setRecoveryCodes } from '../auth.queries.js';
import { hashRecoveryCode, newRecoveryCodes } from '../second-factor.js';
import { failCurrentPassword } from './fail-current-password.js';

export type RegenerateResult = { ok: true; recoveryCodes: string[] } | { ok: false; locked: boolean };

/** Replaces all recovery codes with ten new ones (the old ones stop working); needs the current password. */
export async function regenerateRecoveryCodes(o: {
  services: Services;
  actor: Actor;
  currentPassword: string;
  meta: RequestMeta;
}): Promise<RegenerateResult> {
  const { services, actor, meta } = o;
  const user = await findUserById(services.db, actor.userId);
  if (!user || !user.totpEnabled) return { ok: false, locked: false };
  const hromadaId = actor.hromadaId ?? user.homeHromadaId;
  if (!(await verifyPassword(user.passwordHash, o.currentPassword))) {
    return {
      ok: false,
      ...(await services.db.tx({ hromadaId, userId: user.id }, (c) =>
        failCurrentPassword(c, services, { user, hromadaId, action: 'auth.recovery.regenerate.failed', meta }),
      )),
    };
  }
  const recoveryCodes = newRecoveryCodes();
  const hashes = recoveryCodes.map((code) => hashRecoveryCode(services.keys.lookup, code));
  await services.db.tx({ hromadaId, userId: user.id }, async (c) => {
    await setRecoveryCodes(c, user.id, hashes);
    await auditWriter(c, authActor(user), meta, { hromadaId })({
      action: 'auth.recovery.regenerate',
      operation: 'auth',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { ok: true, recoveryCodes };
}
