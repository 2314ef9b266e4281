import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { queueReach } from '../../applications/applications.policy.js';
import { livePersonIds, residentHromadas } from '../../cabinet/cabinet.access.js';
import { residentConversations, staffUnread, type ConversationRow } from '../messages.queries.js';

/** The resident's conversations over all their linked persons, latest message first; audited per hromada. */
export async function listMyConversations(o: { services: Services; actor: Actor; meta?: RequestMeta })
  : Promise<{ linked: boolean; items: ConversationRow[] }> {
  const hromadas = await residentHromadas(o.services, o.actor.userId);
  const items: ConversationRow[] = [];
  for (const [hromadaId, ids] of hromadas) {
    await o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
      items.push(...await residentConversations(c, hromadaId, await livePersonIds(c, ids), o.actor.userId));
      await writeAudit(c, {
        ...auditBy(o.actor, o.meta, hromadaId), action: 'messages.list', operation: 'read',
        entityType: 'application', fields: ['messages']
      });
    });
  }
  items.sort((a, b) => b.last_at.getTime() - a.last_at.getTime());
  // Linked persons or applications the account filed itself: conversations can exist.
  return { linked: hromadas.size > 0, items };
}

/** «Нові повідомлення»: applications within the actor's reach with residents' messages unread by the office; audited. */
export async function listUnreadMessages(o: { services: Services; actor: Actor | null; limit: number; offset: number; meta?: RequestMeta })
  : Promise<{ items: ConversationRow[]; total: number }> {
  authorize(o.actor, 'messages.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const reach = queueReach(actor);
  if (!reach) throw new AppError('forbidden');
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const page = await staffUnread(c, { hromadaId, districtId: reach.districtId, limit: o.limit, offset: o.offset });
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'messages.unread.list', operation: 'read',
      entityType: 'application', entityId: page.rows.length === 1 ? page.rows[0].application_id : null, fields: ['messages'],
      reason: `results:${page.total}`
    });
    return { items: page.rows, total: page.total };
  });
}
