import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { withOwnApplication } from '../../cabinet/cabinet.access.js';
import { removeStored, store } from '../../cabinet/cabinet.files.js';
import { insertAttachment } from '../../cabinet/cabinet.queries.js';
import type { Upload } from '../../cabinet/cabinet.uploads.js';
import { notifyApplicant } from '../../decisions/use-cases/notify.js';
import { insertMessage, markRead, type AuthorKind } from '../messages.queries.js';
import type { MessageForm } from '../messages.schema.js';
import { conversationState } from './read-conversation.js';

export interface WriteResult { created: boolean }

/**
 * What a resident's file becomes among the application's documents: its requirement (stored text,
 * like the catalogue's document names; pages show `messages.attachments.requirement` instead).
 */
export const MESSAGE_FILE_REQUIREMENT = 'Надіслано з повідомленням';

/** A checked file of the form (type by content, size), still in the upload's temporary place, and its field. */
export interface MessageFile { field: string; upload: Upload & { ok: true } }

interface WriteOptions {
  services: Services; actor: Actor; form: MessageForm; meta?: RequestMeta;
  /** The resident's files; each is moved into storage and `taken(field)` is told so. */
  files?: MessageFile[]; taken?: (field: string) => void;
}

/**
 * Adds the message in the application's transaction (the row is locked, so a withdrawal at the
 * same moment comes before or after, never between): refused on a draft or a closed conversation;
 * the same form posted again adds nothing (neither the message nor its files). Each file is moved
 * into DATA_DIR/uploads/applications (its key goes to `stored`, so a failed transaction removes it)
 * and becomes a document of the application naming the message. The audit entry names the fields,
 * never the text or the file names.
 */
async function write(c: PoolClient, o: WriteOptions, a: ApplicationRow, hromadaId: number, kind: AuthorKind, stored: string[],
  after: () => Promise<void>): Promise<WriteResult> {
  const state = conversationState(a.status);
  if (state === 'none') throw new AppError('not_found');
  if (state === 'closed') throw new AppError('conflict', { messageKey: 'messages.v.closed' });
  const id = await insertMessage(c, { hromadaId, applicationId: a.id, authorKind: kind, authorId: o.actor.userId,
    body: o.form.messageBody, key: o.form.formKey });
  if (!id) return { created: false };
  const files = o.files ?? [];
  for (const { field, upload: u } of files) {
    const key = await store(o.services, 'applications', u.tmpPath);
    o.taken?.(field);
    stored.push(key);
    await insertAttachment(c, { hromadaId, applicationId: a.id, serviceDocumentId: null, requirement: MESSAGE_FILE_REQUIREMENT,
      file: { name: u.fileName, type: u.contentType, size: u.size, sha256: u.sha256, key }, uploadedBy: o.actor.userId, messageId: id });
  }
  await after();
  await writeAudit(c, {
    ...auditBy(o.actor, o.meta, hromadaId), action: 'messages.write', operation: 'write',
    entityType: 'application', entityId: a.id, fields: ['message', ...files.map(() => 'document')]
  });
  return { created: true };
}

/** A resident writes on their own application, with files if any; it waits as unread for the office. */
export async function writeResidentMessage(o: WriteOptions & { id: string }): Promise<WriteResult> {
  const stored: string[] = [];
  try {
    return await withOwnApplication(o.services, o.actor, o.id, true, (c, a, hromadaId) =>
      write(c, o, a, hromadaId, 'resident', stored, async () => undefined));
  } catch (e) {
    for (const key of stored) removeStored(o.services, 'applications', key);
    throw e;
  }
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
    return write(c, { ...o, actor }, a, hromadaId, 'staff', [], async () => {
      await markRead(c, a.id, 'staff');
      await notifyApplicant(c, { hromadaId, applicationId: a.id, kind: 'message', link: o.link });
    });
  });
}
