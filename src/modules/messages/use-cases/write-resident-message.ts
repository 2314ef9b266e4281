import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { requireResident, withOwnApplication } from '../../cabinet/cabinet.policy.js';
import { removeStored } from '../../cabinet/cabinet.files.js';
import { writeMessage, type MessageFile, type WriteResult } from '../messages.conversation.js';
import type { MessageForm } from '../messages.schema.js';

/** A resident writes on their own application, with files if any; it waits as unread for the office. */
export async function writeResidentMessage(
  o: UseCase<{
    id: string;
    form: MessageForm;
    /** The resident's files; each is moved into storage and `taken(field)` is told so. */
    files?: MessageFile[];
    taken?: (field: string) => void;
  }>,
): Promise<WriteResult> {
  const actor = requireResident(o.actor);
  const stored: string[] = [];
  try {
    return await withOwnApplication(o.services, actor, o.id, true, (c, application, hromadaId) =>
      writeMessage(c, {
        services: o.services,
        application,
        hromadaId,
        kind: 'resident',
        authorId: actor.userId,
        form: o.form,
        files: o.files,
        taken: o.taken,
        stored,
        audit: auditWriter(c, actor, o.meta, { hromadaId }),
      }),
    );
  } catch (e) {
    for (const key of stored) removeStored(o.services, 'applications', key);
    throw e;
  }
}
