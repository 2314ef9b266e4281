import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffConversation } from '../messages.policy.js';
import { notifyApplicant } from '../../notifications/notifications.js';
import { markRead } from '../messages.queries.js';
import { writeMessage, type WriteResult } from '../messages.conversation.js';
import type { MessageForm } from '../messages.schema.js';

/**
 * Staff reply (which also marks the resident's messages read by the office). The applicant gets a
 * cabinet notification and, with an e-mail address, a letter from the outbox after commit: both
 * say only that there is a new message and where to read it (`link`), never its text.
 */
export function writeStaffMessage(o: UseCase<{ id: string; form: MessageForm; link: string }>): Promise<WriteResult> {
  return inTenant(o, 'messages.write', async ({ c, actor, hromadaId, audit }) => {
    const { application } = await requireStaffConversation(c, actor, hromadaId, 'messages.write', o.id);
    return writeMessage(c, {
      services: o.services,
      application,
      hromadaId,
      kind: 'staff',
      authorId: actor.userId,
      form: o.form,
      stored: [],
      audit,
      after: async () => {
        await markRead(c, application.id, 'staff');
        await notifyApplicant(c, { hromadaId, applicationId: application.id, kind: 'message', link: o.link });
      },
    });
  });
}
