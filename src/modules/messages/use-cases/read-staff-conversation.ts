import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication, scopeOf } from '../../applications/applications.policy.js';
import { readConversation, type Conversation } from '../messages.conversation.js';

/** The conversation as staff see it: the application must be within the actor's reach (other hromada → 404, district → 403). */
export function readStaffConversation(o: UseCase<{ id: string }>): Promise<Conversation | null> {
  return inTenant(o, 'messages.read', async ({ c, actor, hromadaId, audit }) => {
    const application = await requireApplication(c, actor, 'messages.read', o.id);
    return readConversation(c, {
      application,
      reader: 'staff',
      audit,
      mayWrite: can(actor, 'messages.write', scopeOf(hromadaId, application)),
    });
  });
}
