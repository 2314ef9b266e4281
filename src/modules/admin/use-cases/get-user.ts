import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { manageableUser } from '../admin.policy.js';
import { listGrantsOf, scopeOptions } from '../users.queries.js';

/** A staff member this administrator may manage, with their grants here and the choices for a new grant. */
export async function getUser(o: UseCase<{ userId: string }>) {
  return inTenant(o, 'users.manage', async ({ c, actor, hromadaId }) => ({
    user: await manageableUser(c, actor, hromadaId, o.userId),
    grants: await listGrantsOf(c, hromadaId, o.userId),
    options: await scopeOptions(c, hromadaId),
  }));
}
