import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, type Problem } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';
import { formErrors, formValues, type FormErrors } from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { ApplicationSection } from '../applications/applications.hooks.js';
import { posted } from '../applications/applications.schema.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { MAX_FILE_BYTES } from '../cabinet/cabinet.files.js';
import { uploadsOf } from '../cabinet/cabinet.uploads.js';
import { presentConversation, type ConversationView, type FormState } from './messages.presenter.js';
import {
  ATTACHMENTS_FIELD,
  MAX_ATTACHMENTS,
  MAX_BODY,
  MAX_TEXT_BYTES,
  messageForm,
  type MessageForm,
} from './messages.schema.js';
import { readConversation, type MessageFile } from './messages.conversation.js';
import { staffSectionAccess } from './messages.policy.js';
import { readResidentConversation } from './use-cases/read-resident-conversation.js';
import { readStaffConversation } from './use-cases/read-staff-conversation.js';

/**
 * The conversation for the resident's application page (null for a draft). The application pages
 * of the cabinet and of the staff pass it to `messages/views/conversation.njk` as `conversation`.
 */
export async function residentConversationView(
  services: Services,
  req: FastifyRequest,
  id: string,
  form?: FormState,
): Promise<ConversationView | null> {
  const actor = requireResident(req.actor);
  const v = await readResidentConversation({ ...useCaseOf(req, services), id });
  return v && presentConversation(v, { viewer: 'resident', userId: actor.userId, t: req.t, form });
}

/** The conversation on its own staff page (null for a draft or a role without messages); checks the actor's reach. */
export async function staffConversationView(
  services: Services,
  req: FastifyRequest,
  id: string,
  form?: FormState,
): Promise<ConversationView | null> {
  const actor = req.actor;
  if (!actor || !can(actor, 'messages.read')) return null;
  const v = await readStaffConversation({ ...useCaseOf(req, services), id });
  return v && presentConversation(v, { viewer: 'staff', userId: actor.userId, t: req.t, form });
}

/**
 * The conversation on the staff application page (a section of the applications module, read in
 * the page's transaction): null for a draft or a role without messages; another district's → 403.
 */
export const conversationSection: ApplicationSection = {
  key: 'conversation',
  pageOnly: true,
  read: async ({ c, actor, hromadaId, audit, application, t }) => {
    const access = staffSectionAccess(actor, hromadaId, application);
    if (!access) return null;
    const v = await readConversation(c, { application, reader: 'staff', audit, mayWrite: access.mayWrite });
    return v && presentConversation(v, { viewer: 'staff', userId: actor.userId, t });
  },
};

export type ParsedMessage =
  { ok: true; form: MessageForm; files: MessageFile[] } | { ok: false; errors: FormErrors; form: FormState };

const FILE_PROBLEM = {
  type: 'messages.v.fileType',
  size: 'messages.v.fileSize',
  count: 'messages.v.fileCount',
} as const;

/**
 * The files of the resident's form (their input's `<field>.<n>` uploads, in order), or the first
 * problem: a file that is not PDF/JPEG/PNG by content, one over the size limit, more than the limit.
 */
function filesOf(req: FastifyRequest): { files: MessageFile[]; posted: number; problem: Problem | null } {
  const entries = [...uploadsOf(req)]
    .filter(([k]) => k.startsWith(`${ATTACHMENTS_FIELD}.`))
    .sort(([a], [b]) => Number(a.slice(ATTACHMENTS_FIELD.length + 1)) - Number(b.slice(ATTACHMENTS_FIELD.length + 1)));
  const over = entries.find(([, u]) => !u.ok && u.problem === 'count');
  const bad = over ?? entries.find(([, u]) => !u.ok);
  const problem =
    bad && !bad[1].ok
      ? {
          field: ATTACHMENTS_FIELD,
          key: FILE_PROBLEM[bad[1].problem],
          params: { name: bad[1].fileName, max: MAX_ATTACHMENTS, mb: MAX_FILE_BYTES / 1024 / 1024 },
        }
      : null;
  const files = entries.flatMap(([field, upload]) => (upload.ok ? [{ field, upload }] : []));
  return { files, posted: entries.length, problem };
}

/**
 * The posted message form: a missing or malformed key is a bad request; a bad text, or (on the
 * resident's form) a bad file, is the form's error, and then nothing is kept.
 */
export function parseMessage(req: FastifyRequest, opts: { files?: boolean } = {}): ParsedMessage {
  const b = formValues(req.body);
  const raw = posted(req.body).messageBody;
  const r = messageForm.safeParse(b);
  if (!r.success && r.error.issues.some((i) => i.path[0] === 'formKey')) throw new AppError('bad_request');
  const problems: Problem[] = [];
  const tooLong = typeof raw === 'string' && Buffer.byteLength(raw) > MAX_TEXT_BYTES;
  if (tooLong || !r.success) {
    const key = tooLong || r.success ? 'messages.v.tooLong' : r.error.issues[0].message;
    problems.push({ field: 'messageBody', key, params: { max: MAX_BODY } });
  }
  const files = opts.files ? filesOf(req) : { files: [], posted: 0, problem: null };
  if (files.problem) problems.push(files.problem);
  if (r.success && !problems.length) return { ok: true, form: r.data, files: files.files };
  return {
    ok: false,
    errors: formErrors(req.t, problems),
    form: { formKey: b.formKey ?? '', value: b.messageBody ?? '', filesDropped: files.posted > 0 },
  };
}
