import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { auditAdmin, type RequestMeta } from '../admin.audit.js';
import { authorizeUsers, manageableUser } from '../users.policy.js';

/** Changes a staff member's display name (audited only when it actually changes). */
export async function editUser(o: { db: Db; actor: Actor | null; meta: RequestMeta; userId: string; displayName: string }) {
  const { actor, hromadaId } = authorizeUsers(o.actor);
  await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const target = await manageableUser(c, actor, hromadaId, o.userId);
    if (target.display_name === o.displayName) return;
    await c.query('UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1', [o.userId, o.displayName]);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'user.update', entityType: 'user',
      entityId: o.userId, fields: ['display_name'] });
  });
}
