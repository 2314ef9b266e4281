import fs from 'node:fs';
import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { requireApplication, scopeOf } from '../../applications/applications.policy.js';
import type { Status } from '../../applications/status-machine.js';
import { withOwnApplication } from '../../cabinet/cabinet.access.js';
import { storedPath } from '../../cabinet/cabinet.files.js';
import { loadMessageFiles, loadMessages, markRead, messageFile, type AuthorKind, type MessageFileRow, type MessageRow }
  from '../messages.queries.js';

/** A draft has no conversation yet (the office does not see it); after withdrawal or completion it is read-only. */
export type ConversationState = 'none' | 'open' | 'closed';
export const conversationState = (s: Status): ConversationState =>
  s === 'draft' ? 'none' : s === 'withdrawn' || s === 'completed' ? 'closed' : 'open';

export interface Conversation {
  application: ApplicationRow; messages: MessageRow[]; state: Exclude<ConversationState, 'none'>;
  /** The files sent with the messages (name, type, size; not their content). */
  files: MessageFileRow[];
  /** The reader may write now (the conversation is open and, for staff, the role may reply). */
  canWrite: boolean;
}

interface ReadOptions { services: Services; actor: Actor; id: string; meta?: RequestMeta }

/** Loads the messages (with their unread marks as they were), marks the other side's read, audits the read. */
async function read(c: PoolClient, o: ReadOptions, a: ApplicationRow, hromadaId: number, reader: AuthorKind, mayWrite: boolean)
  : Promise<Conversation | null> {
  const state = conversationState(a.status);
  if (state === 'none') return null;
  const messages = await loadMessages(c, a.id);
  const files = await loadMessageFiles(c, a.id);
  if (mayWrite) await markRead(c, a.id, reader);
  await writeAudit(c, {
    ...auditBy(o.actor, o.meta, hromadaId), action: 'messages.view', operation: 'read',
    entityType: 'application', entityId: a.id, fields: files.length ? ['messages', 'documents'] : ['messages']
  });
  return { application: a, messages, files, state, canWrite: state === 'open' && mayWrite };
}

/** The resident's conversation on one of their own applications (another's, unknown → 404; a draft → null). */
export function readResidentConversation(o: ReadOptions): Promise<Conversation | null> {
  return withOwnApplication(o.services, o.actor, o.id, false, (c, a, hromadaId) => read(c, o, a, hromadaId, 'resident', true));
}

/** The conversation as staff see it: the application must be within the actor's reach (other hromada → 404, district → 403). */
export function readStaffConversation(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<Conversation | null> {
  authorize(o.actor, 'messages.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const a = await requireApplication(c, actor, 'messages.read', o.id);
    return read(c, { ...o, actor }, a, hromadaId, 'staff', can(actor, 'messages.write', scopeOf(hromadaId, a)));
  });
}

/**
 * A file the resident sent with a message on one of their own applications (another resident's
 * application, a file of another application or one not sent with a message → 404); the download
 * is audited. The office downloads the same file from the application's documents
 * (`/applications/:id/documents/:documentId`, with its own reach check and audit).
 */
export async function openResidentMessageFile(o: ReadOptions & { documentId: string })
  : Promise<{ file: MessageFileRow; stream: fs.ReadStream }> {
  const file = await withOwnApplication(o.services, o.actor, o.id, false, async (c, a, hromadaId) => {
    const f = await messageFile(c, a.id, o.documentId);
    if (!f) throw new AppError('not_found');
    await writeAudit(c, {
      ...auditBy(o.actor, o.meta, hromadaId), action: 'messages.file.download', operation: 'read',
      entityType: 'application', entityId: a.id, fields: ['document']
    });
    return f;
  });
  return { file, stream: fs.createReadStream(storedPath(o.services, 'applications', file.storage_key)) };
}
