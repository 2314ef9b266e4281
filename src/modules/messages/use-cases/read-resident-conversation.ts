import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { requireResident, withOwnApplication } from '../../cabinet/cabinet.policy.js';
import { readConversation, type Conversation } from '../messages.conversation.js';

/** The resident's conversation on one of their own applications (another's, unknown → 404; a draft → null). */
export function readResidentConversation(o: UseCase<{ id: string }>): Promise<Conversation | null> {
  const actor = requireResident(o.actor);
  return withOwnApplication(o.services, actor, o.id, false, (c, application, hromadaId) =>
    readConversation(c, {
      application,
      reader: 'resident',
      mayWrite: true,
      audit: auditWriter(c, actor, o.meta, { hromadaId }),
    }),
  );
}
