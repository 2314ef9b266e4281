import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { unreadReach } from '../messages.policy.js';
import { staffUnread, type ConversationRow } from '../messages.queries.js';

/** «Нові повідомлення»: applications within the actor's reach with residents' messages unread by the office; audited. */
export async function listUnreadMessages(
  o: UseCase<{ limit: number; offset: number }>,
): Promise<{ items: ConversationRow[]; total: number }> {
  return inTenant(o, 'messages.read', async ({ c, actor, hromadaId, audit }) => {
    const reach = unreadReach(actor);
    const page = await staffUnread(c, { hromadaId, districtId: reach.districtId, limit: o.limit, offset: o.offset });
    await audit({
      action: 'messages.unread.list',
      operation: 'read',
      entityType: 'application',
      entityId: page.rows.length === 1 ? page.rows[0].application_id : null,
      fields: ['messages'],
      reason: `results:${page.total}`,
    });
    return { items: page.rows, total: page.total };
  });
}
