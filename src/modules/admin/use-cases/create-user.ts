import type { Db } from '../../../platform/db.js';
import { authorize, type Actor, type Role } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { hashPassword, passwordProblem } from '../../../platform/passwords.js';
import { auditAdmin, isUniqueViolation, requireSuperadmin, temporaryPassword, type RequestMeta } from '../admin.audit.js';
import { FormProblem } from '../form.js';
import { insertGrant, insertStaffUser, usernameTaken } from '../users.queries.js';

/**
 * Creates a staff account in a hromada. The password is either set by the administrator
 * (checked against the password rules) or generated and returned to be shown once. The
 * user must change it at first login and enrols TOTP then. With `initialRole` (a superadmin
 * setting up a new tenant's first administrator) the grant is created in the same transaction.
 */
export async function createUser(o: {
  db: Db; actor: Actor | null; meta: RequestMeta; hromadaId: number;
  input: { username: string; displayName: string; passwordMode: 'generate' | 'set'; password: string };
  initialRole?: Role;
}): Promise<{ userId: string; generatedPassword: string | null }> {
  if (o.initialRole) requireSuperadmin(o.actor);
  else {
    authorize(o.actor, 'users.manage');
    if (o.actor.hromadaId !== o.hromadaId) throw new AppError('forbidden');
  }
  const actor = o.actor;
  const { username, displayName } = o.input;
  const generatedPassword = o.input.passwordMode === 'generate' ? temporaryPassword() : null;
  const password = generatedPassword ?? o.input.password;
  const problem = passwordProblem(password, [username, ...displayName.split(/\s+/)]);
  if (problem) throw new FormProblem([{ field: 'password', key: `admin.errors.password_${problem}` }]);
  const passwordHash = await hashPassword(password);
  try {
    const userId = await o.db.tx({ hromadaId: o.hromadaId, userId: actor.userId }, async (c) => {
      if (await usernameTaken(c, username)) throw new FormProblem([{ field: 'username', key: 'admin.errors.usernameTaken' }]);
      const id = await insertStaffUser(c, { username, displayName, passwordHash, hromadaId: o.hromadaId });
      await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'user.create', entityType: 'user',
        entityId: id, fields: ['username', 'display_name', 'password', 'must_change_password'] });
      if (o.initialRole) {
        const grantId = await insertGrant(c, { hromadaId: o.hromadaId, userId: id, role: o.initialRole,
          districtId: null, agencyId: null, createdBy: actor.userId });
        await auditAdmin(c, { actor, meta: o.meta, hromadaId: o.hromadaId, action: 'grant.add', entityType: 'grant',
          entityId: grantId, fields: ['user_id', 'role'] });
      }
      return id;
    });
    return { userId, generatedPassword };
  } catch (e) {
    if (isUniqueViolation(e)) throw new FormProblem([{ field: 'username', key: 'admin.errors.usernameTaken' }]);
    throw e;
  }
}
