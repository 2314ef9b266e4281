import crypto from 'node:crypto';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../platform/i18n.js';
import { statusTag } from '../applications/applications.presenter.js';
import type { Conversation } from './messages.conversation.js';
import { MAX_FILE_BYTES } from '../cabinet/cabinet.files.js';
import { fileSize } from '../cabinet/cabinet.presenter.js';
import type { AuthorKind, ConversationRow, MessageFileRow, MessageRow } from './messages.queries.js';
import { ATTACHMENTS_FIELD, MAX_ATTACHMENTS, MAX_BODY } from './messages.schema.js';

export type Viewer = AuthorKind;

/** Where each side reads and writes the conversation of an application. */
export const paths = (viewer: Viewer, applicationId: string) => {
  const base = viewer === 'resident' ? `/cabinet/applications/${applicationId}` : `/applications/${applicationId}`;
  return { application: base, thread: `${base}/messages` };
};

/**
 * The author as the reader should see them: a resident sees «Ви» or the office as a whole (never a
 * staff member's name or login); staff see who wrote, with their side.
 */
function author(m: MessageRow, viewer: Viewer, userId: string, t: TFunction): { name: string; role: string | null } {
  if (viewer === 'staff') return { name: m.author_name, role: t(`messages.author.role.${m.author_kind}`) };
  if (m.author_kind === 'staff') return { name: t('messages.author.office'), role: null };
  return { name: t(m.author_id === userId ? 'messages.author.you' : 'messages.author.applicant'), role: null };
}

/** A form shown again: its key, its text and whether files were chosen (a browser cannot keep them). */
export interface FormState {
  formKey: string;
  value: string;
  filesDropped?: boolean;
}

/** A file of a message as a download link: the resident's own route, or the application's documents for the office. */
function presentFile(f: MessageFileRow, viewer: Viewer, applicationId: string, t: TFunction) {
  return {
    name: f.file_name,
    size: fileSize(f.size, t),
    type: t(`cabinet.type.${f.content_type.replace(/^.*\//, '')}`),
    href:
      viewer === 'resident'
        ? `/cabinet/applications/${applicationId}/messages/files/${f.id}`
        : `/applications/${applicationId}/documents/${f.id}`,
  };
}

/** The conversation for the partial: messages oldest first, the form (with a fresh key unless re-shown) or the note why not. */
export function presentConversation(
  v: Conversation,
  o: { viewer: Viewer; userId: string; t: TFunction; form?: FormState },
) {
  const { t, viewer } = o;
  const a = v.application;
  const p = paths(viewer, a.id);
  return {
    viewer,
    applicationId: a.id,
    number: a.registration_number ?? '',
    service: a.service_name,
    applicationHref: p.application,
    action: p.thread,
    maxLength: MAX_BODY,
    formKey: o.form?.formKey ?? crypto.randomUUID(),
    value: o.form?.value ?? '',
    writable: v.canWrite,
    // Only the resident's form takes files (the office answers in text).
    attachments:
      viewer === 'resident'
        ? {
            field: ATTACHMENTS_FIELD,
            max: MAX_ATTACHMENTS,
            mb: MAX_FILE_BYTES / 1024 / 1024,
            again: o.form?.filesDropped === true,
          }
        : null,
    note: v.state === 'closed' ? t(`messages.closed.${a.status}`) : v.canWrite ? null : t('messages.readOnly'),
    items: v.messages.map((m) => ({
      ...author(m, viewer, o.userId, t),
      at: formatDateTime(m.created_at),
      lines: m.body.split('\n'),
      fromOffice: m.author_kind === 'staff',
      unread: m.author_kind !== viewer && (viewer === 'resident' ? m.read_by_resident_at : m.read_by_staff_at) === null,
      files: v.files.filter((f) => f.message_id === m.id).map((f) => presentFile(f, viewer, a.id, t)),
    })),
  };
}
export type ConversationView = ReturnType<typeof presentConversation>;

/** A row of the resident's list or the staff's «Нові повідомлення». */
export function presentConversationRow(r: ConversationRow, viewer: Viewer, t: TFunction) {
  const p = paths(viewer, r.application_id);
  return {
    href: `${p.application}#messages`,
    number: r.registration_number ?? t('messages.noNumber'),
    service: r.service_name,
    person: r.person_name,
    status: statusTag(r.status, t),
    lastAt: formatDateTime(r.last_at),
    unread: r.unread ? t('messages.unreadCount', { count: r.unread }) : t('messages.allRead'),
    hasUnread: r.unread > 0,
  };
}
