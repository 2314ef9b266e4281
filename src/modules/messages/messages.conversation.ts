/**
 * The conversation of an application, read and written inside a use-case's transaction: both
 * sides (resident, office) share these steps, their use-cases differ in how they reach the
 * application. Not a use-case itself: no permission check, no transaction of its own; who may
 * read and write is `messages.policy.ts`.
 */
import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import type { AuditWriter } from '../../platform/audit.js';
import type { ApplicationRow } from '../applications/applications.queries.js';
import { store } from '../cabinet/cabinet.files.js';
import { insertAttachment } from '../cabinet/cabinet.queries.js';
import type { Upload } from '../cabinet/cabinet.uploads.js';
import {
  insertMessage,
  loadMessageFiles,
  loadMessages,
  markRead,
  type AuthorKind,
  type MessageFileRow,
  type MessageRow,
} from './messages.queries.js';
import type { MessageForm } from './messages.schema.js';
import { conversationState, requireOpenConversation, type ConversationState } from './messages.policy.js';

export interface Conversation {
  application: ApplicationRow;
  messages: MessageRow[];
  state: Exclude<ConversationState, 'none'>;
  /** The files sent with the messages (name, type, size; not their content). */
  files: MessageFileRow[];
  /** The reader may write now (the conversation is open and, for staff, the role may reply). */
  canWrite: boolean;
}

/** Loads the messages (with their unread marks as they were), marks the other side's read, audits the read. */
export async function readConversation(
  c: PoolClient,
  x: { application: ApplicationRow; reader: AuthorKind; mayWrite: boolean; audit: AuditWriter },
): Promise<Conversation | null> {
  const a = x.application;
  const state = conversationState(a.status);
  if (state === 'none') return null;
  const messages = await loadMessages(c, a.id);
  const files = await loadMessageFiles(c, a.id);
  if (x.mayWrite) await markRead(c, a.id, x.reader);
  await x.audit({
    action: 'messages.view',
    operation: 'read',
    entityType: 'application',
    entityId: a.id,
    fields: files.length ? ['messages', 'documents'] : ['messages'],
  });
  return { application: a, messages, files, state, canWrite: state === 'open' && x.mayWrite };
}

export interface WriteResult {
  created: boolean;
}

/**
 * What a resident's file becomes among the application's documents: its requirement (stored text,
 * like the catalogue's document names; pages show `messages.attachments.requirement` instead).
 */
export const MESSAGE_FILE_REQUIREMENT = 'Надіслано з повідомленням';

/** A checked file of the form (type by content, size), still in the upload's temporary place, and its field. */
export interface MessageFile {
  field: string;
  upload: Upload & { ok: true };
}

/**
 * Adds the message in the application's transaction (the row is locked, so a withdrawal at the
 * same moment comes before or after, never between): refused on a draft or a closed conversation;
 * the same form posted again adds nothing (neither the message nor its files). Each file is moved
 * into DATA_DIR/uploads/applications (its key goes to `stored`, so a failed transaction removes it)
 * and becomes a document of the application naming the message. The audit entry names the fields,
 * never the text or the file names.
 */
export async function writeMessage(
  c: PoolClient,
  x: {
    services: Services;
    application: ApplicationRow;
    hromadaId: number;
    kind: AuthorKind;
    authorId: string;
    form: MessageForm;
    files?: MessageFile[];
    taken?: (field: string) => void;
    stored: string[];
    audit: AuditWriter;
    after?: () => Promise<void>;
  },
): Promise<WriteResult> {
  const a = x.application;
  requireOpenConversation(a);
  const id = await insertMessage(c, {
    hromadaId: x.hromadaId,
    applicationId: a.id,
    authorKind: x.kind,
    authorId: x.authorId,
    body: x.form.messageBody,
    key: x.form.formKey,
  });
  if (!id) return { created: false };
  const files = x.files ?? [];
  for (const { field, upload: u } of files) {
    const key = await store(x.services, 'applications', u.tmpPath);
    x.taken?.(field);
    x.stored.push(key);
    await insertAttachment(c, {
      hromadaId: x.hromadaId,
      applicationId: a.id,
      serviceDocumentId: null,
      requirement: MESSAGE_FILE_REQUIREMENT,
      file: { name: u.fileName, type: u.contentType, size: u.size, sha256: u.sha256, key },
      uploadedBy: x.authorId,
      messageId: id,
    });
  }
  await x.after?.();
  await x.audit({
    action: 'messages.write',
    operation: 'write',
    entityType: 'application',
    entityId: a.id,
    fields: ['message', ...files.map(() => 'document')],
  });
  return { created: true };
}
