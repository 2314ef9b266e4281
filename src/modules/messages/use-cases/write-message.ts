import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { withOwnApplication } from '../../cabinet/cabinet.access.js';
import { notifyApplicant } from '../../decisions/use-cases/notify.js';
import { insertMessage, markRead, type AuthorKind } from '../messages.queries.js';
import type { MessageForm } from '../messages.schema.js';
import { conversationState } from './read-conversation.js';

export interface WriteResult { created: boolean }

/**
 * Adds the message in the application's transaction (the row is locked, so a withdrawal at the
 * same moment comes before or after, never between): refused on a draft or a closed conversation;
 * the same form posted again adds nothing. The audit entry names the field, never the text.
 */
async function write(c: PoolClient, o: { actor: Actor; form: MessageForm; meta?: RequestMeta }, a: ApplicationRow, hromadaId: number,
  kind: AuthorKind, after: () => Promise<void>): Promise<WriteResult> {
  const state = conversationState(a.status);
  if (state === 'none') throw new AppError('not_found');
  if (state === 'closed') throw new AppError('conflict', { messageKey: 'messages.v.closed' });
  const id = await insertMessage(c, { hromadaId, applicationId: a.id, authorKind: kind, authorId: o.actor.userId,
    body: o.form.messageBody, key: o.form.formKey });
  if (!id) return { created: false };
  await after();
  await writeAudit(c, {
    ...auditBy(o.actor, o.meta, hromadaId), action: 'messages.write', operation: 'write',
    entityType: 'application', entityId: a.id, fields: ['message']
  });
  return { created: true };
}

/** A resident writes on their own application; it waits as unread for the office. */
export function writeResidentMessage(o: { services: Services; actor: Actor; id: string; form: MessageForm; meta?: RequestMeta })
  : Promise<WriteResult> {
  return withOwnApplication(o.services, o.actor, o.id, true, (c, a, hromadaId) =>
    write(c, o, a, hromadaId, 'resident', async () => undefined));
}

/**
 * Staff reply (which also marks the resident's messages read by the office). The applicant gets a
 * cabinet notification and, with an e-mail address, a letter from the outbox after commit: both
 * say only that there is a new message and where to read it (`link`), never its text.
 */
export function writeStaffMessage(o: { services: Services; actor: Actor | null; id: string; form: MessageForm; link: string; meta?: RequestMeta })
  : Promise<WriteResult> {
  authorize(o.actor, 'messages.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const a = await requireApplication(c, actor, 'messages.write', o.id, true);
    return write(c, { ...o, actor }, a, hromadaId, 'staff', async () => {
      await markRead(c, a.id, 'staff');
      await notifyApplicant(c, { hromadaId, applicationId: a.id, kind: 'message', link: o.link });
    });
  });
}
