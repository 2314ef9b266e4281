import { SCOPE_REQUIRED } from '../../../platform/policy.js';
import { problem, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { GrantInput } from '../admin.schema.js';
import { authorizeUsers, manageableUser } from '../admin.policy.js';
import { agencyInHromada, districtInHromada, endSessions, insertGrant } from '../users.queries.js';

/**
 * Gives a staff member a role in the administrator's hromada, optionally limited to one
 * starosta district or one agency of this hromada (never both). A starosta's role must name
 * its district and a provider's its agency: without one it would reach nothing (policy.ts),
 * so it is refused here instead of being granted. Ends the user's sessions so the new rights
 * apply from the next login.
 */
export async function addGrant(o: UseCase<{ userId: string; input: GrantInput }>) {
  authorizeUsers(o.actor);
  const { role, districtId, agencyId } = o.input;
  if (districtId !== null && agencyId !== null) throw problem('agencyId', 'admin.errors.bothScopes');
  const required = SCOPE_REQUIRED[role];
  if (required === 'district' && districtId === null) throw problem('districtId', 'admin.errors.districtRequired');
  if (required === 'agency' && agencyId === null) throw problem('agencyId', 'admin.errors.agencyRequired');
  return inTenant(o, 'users.manage', async ({ c, actor, hromadaId, audit }) => {
    await manageableUser(c, actor, hromadaId, o.userId);
    const problems: Problem[] = [];
    if (districtId !== null && !(await districtInHromada(c, hromadaId, districtId))) {
      problems.push({ field: 'districtId', key: 'admin.errors.foreignDistrict' });
    }
    if (agencyId !== null && !(await agencyInHromada(c, hromadaId, agencyId))) {
      problems.push({ field: 'agencyId', key: 'admin.errors.foreignAgency' });
    }
    if (problems.length) throw new ValidationError(problems);
    const grantId = await insertGrant(c, {
      hromadaId,
      userId: o.userId,
      role,
      districtId,
      agencyId,
      createdBy: actor.userId,
    });
    if (!grantId) throw problem('role', 'admin.errors.grantExists');
    await endSessions(c, o.userId);
    await audit({
      action: 'grant.add',
      operation: 'admin',
      entityType: 'grant',
      entityId: String(grantId),
      fields: [
        'user_id',
        'role',
        ...(districtId !== null ? ['district_id'] : []),
        ...(agencyId !== null ? ['agency_id'] : []),
      ],
    });
    return grantId;
  });
}
