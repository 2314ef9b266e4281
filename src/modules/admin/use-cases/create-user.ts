import type { PoolClient } from 'pg';
import { auditWriter, type AuditWriter } from '../../../platform/audit.js';
import { AppError, problem } from '../../../platform/errors.js';
import { hashPassword, passwordProblem } from '../../../platform/passwords.js';
import { authorize, type Actor, type Role } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireSuperadmin } from '../admin.policy.js';
import { isUniqueViolation } from '../hromadas.queries.js';
import { temporaryPassword } from '../temporary-password.js';
import { insertGrant, insertStaffUser, usernameTaken } from '../users.queries.js';

/**
 * Creates a staff account in a hromada. The password is either set by the administrator
 * (checked against the password rules) or generated and returned to be shown once. The
 * user must change it at first login and enrols TOTP then. With `initialRole` (a superadmin
 * setting up a new tenant's first administrator) the grant is created in the same transaction.
 */
export async function createUser(
  o: UseCase<{
    hromadaId: number;
    input: { username: string; displayName: string; passwordMode: 'generate' | 'set'; password: string };
    initialRole?: Role;
  }>,
): Promise<{ userId: string; generatedPassword: string | null }> {
  if (o.initialRole) requireSuperadmin(o.actor);
  else {
    authorize(o.actor, 'users.manage');
    if (o.actor.hromadaId !== o.hromadaId) throw new AppError('forbidden');
  }
  const actor: Actor = o.actor;
  const { username, displayName } = o.input;
  const generatedPassword = o.input.passwordMode === 'generate' ? temporaryPassword() : null;
  const password = generatedPassword ?? o.input.password;
  const refused = passwordProblem(password, [username, ...displayName.split(/\s+/)]);
  if (refused) throw problem('password', `admin.errors.password_${refused}`);
  const passwordHash = await hashPassword(password);

  const create = async (c: PoolClient, audit: AuditWriter) => {
    if (await usernameTaken(c, username)) throw problem('username', 'admin.errors.usernameTaken');
    const id = await insertStaffUser(c, { username, displayName, passwordHash, hromadaId: o.hromadaId });
    await audit({
      action: 'user.create',
      operation: 'admin',
      entityType: 'user',
      entityId: id,
      fields: ['username', 'display_name', 'password', 'must_change_password'],
    });
    if (o.initialRole) {
      const grantId = await insertGrant(c, {
        hromadaId: o.hromadaId,
        userId: id,
        role: o.initialRole,
        districtId: null,
        agencyId: null,
        createdBy: actor.userId,
      });
      await audit({
        action: 'grant.add',
        operation: 'admin',
        entityType: 'grant',
        entityId: String(grantId),
        fields: ['user_id', 'role'],
      });
    }
    return id;
  };
  try {
    // A superadmin sets up another hromada than their own; an administrator creates staff of their own hromada.
    const userId = o.initialRole
      ? await o.services.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, (c) =>
          create(c, auditWriter(c, actor, o.meta, { hromadaId: o.hromadaId })),
        )
      : await inTenant(o, 'users.manage', ({ c, audit }) => create(c, audit));
    return { userId, generatedPassword };
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('username', 'admin.errors.usernameTaken');
    throw e;
  }
}
