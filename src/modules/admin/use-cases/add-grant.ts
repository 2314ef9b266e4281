import type { Db } from '../../../platform/db.js';
import { SCOPE_REQUIRED, type Actor } from '../../../platform/policy.js';
import { auditAdmin, type RequestMeta } from '../admin.audit.js';
import { FormProblem, type Problem } from '../form.js';
import type { GrantInput } from '../admin.schema.js';
import { authorizeUsers, manageableUser } from '../users.policy.js';
import { agencyInHromada, districtInHromada, endSessions, insertGrant } from '../users.queries.js';

/**
 * Gives a staff member a role in the administrator's hromada, optionally limited to one
 * starosta district or one agency of this hromada (never both). A starosta's role must name
 * its district and a provider's its agency: without one it would reach nothing (policy.ts),
 * so it is refused here instead of being granted. Ends the user's sessions so the new rights
 * apply from the next login.
 */
export async function addGrant(o: { db: Db; actor: Actor | null; meta: RequestMeta; userId: string; input: GrantInput }) {
  const { actor, hromadaId } = authorizeUsers(o.actor);
  const { role, districtId, agencyId } = o.input;
  if (districtId !== null && agencyId !== null) {
    throw new FormProblem([{ field: 'agencyId', key: 'admin.errors.bothScopes' }]);
  }
  const required = SCOPE_REQUIRED[role];
  if (required === 'district' && districtId === null) throw new FormProblem([{ field: 'districtId', key: 'admin.errors.districtRequired' }]);
  if (required === 'agency' && agencyId === null) throw new FormProblem([{ field: 'agencyId', key: 'admin.errors.agencyRequired' }]);
  return o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await manageableUser(c, actor, hromadaId, o.userId);
    const problems: Problem[] = [];
    if (districtId !== null && !(await districtInHromada(c, hromadaId, districtId))) {
      problems.push({ field: 'districtId', key: 'admin.errors.foreignDistrict' });
    }
    if (agencyId !== null && !(await agencyInHromada(c, hromadaId, agencyId))) {
      problems.push({ field: 'agencyId', key: 'admin.errors.foreignAgency' });
    }
    if (problems.length) throw new FormProblem(problems);
    const grantId = await insertGrant(c, { hromadaId, userId: o.userId, role, districtId, agencyId, createdBy: actor.userId });
    if (!grantId) throw new FormProblem([{ field: 'role', key: 'admin.errors.grantExists' }]);
    await endSessions(c, o.userId);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'grant.add', entityType: 'grant', entityId: grantId,
      fields: ['user_id', 'role', ...(districtId !== null ? ['district_id'] : []), ...(agencyId !== null ? ['agency_id'] : [])] });
    return grantId;
  });
}
