import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffConversation } from '../messages.policy.js';
import { readConversation, type Conversation } from '../messages.conversation.js';

/** The conversation as staff see it: the application must be within the actor's reach (other hromada → 404, district → 403). */
export function readStaffConversation(o: UseCase<{ id: string }>): Promise<Conversation | null> {
  return inTenant(o, 'messages.read', async ({ c, actor, hromadaId, audit }) => {
    const { application, mayWrite } = await requireStaffConversation(c, actor, hromadaId, 'messages.read', o.id);
    return readConversation(c, { application, reader: 'staff', audit, mayWrite });
  });
}
