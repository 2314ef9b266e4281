import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { livePersonIds, requireResident, residentHromadas } from '../../cabinet/cabinet.policy.js';
import { residentConversations, type ConversationRow } from '../messages.queries.js';

/** The resident's conversations over all their linked persons, latest message first; audited per hromada. */
export async function listMyConversations(o: UseCase): Promise<{ linked: boolean; items: ConversationRow[] }> {
  const actor = requireResident(o.actor);
  const hromadas = await residentHromadas(o.services, actor.userId);
  const items: ConversationRow[] = [];
  for (const [hromadaId, ids] of hromadas) {
    await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      items.push(...(await residentConversations(c, hromadaId, await livePersonIds(c, ids), actor.userId)));
      await auditWriter(c, actor, o.meta, { hromadaId })({
        action: 'messages.list',
        operation: 'read',
        entityType: 'application',
        fields: ['messages'],
      });
    });
  }
  items.sort((a, b) => b.last_at.getTime() - a.last_at.getTime());
  // Linked persons or applications the account filed itself: conversations can exist.
  return { linked: hromadas.size > 0, items };
}
