import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { manageableUser } from '../admin.policy.js';
import { updateDisplayName } from '../users.queries.js';

/** Changes a staff member's display name (audited only when it actually changes). */
export async function editUser(o: UseCase<{ userId: string; displayName: string }>) {
  await inTenant(o, 'users.manage', async ({ c, actor, hromadaId, audit }) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    if (target.display_name === o.displayName) return;
    await updateDisplayName(c, o.userId, o.displayName);
    await audit({
      action: 'user.update',
      operation: 'admin',
      entityType: 'user',
      entityId: o.userId,
      fields: ['display_name'],
    });
  });
}
