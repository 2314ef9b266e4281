import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';
import { formBody, formErrors, type FormErrors } from '../persons-web/form.js';
import { requestMeta } from '../admin/admin.audit.js';
import { requireResident } from '../cabinet/cabinet.access.js';
import { presentConversation, type ConversationView, type FormState } from './messages.presenter.js';
import { MAX_BODY, messageForm, type MessageForm } from './messages.schema.js';
import { readResidentConversation, readStaffConversation } from './use-cases/read-conversation.js';

/**
 * The conversation for the resident's application page (null for a draft). The application pages
 * of the cabinet and of the staff pass it to `messages/views/conversation.njk` as `conversation`.
 */
export async function residentConversationView(services: Services, req: FastifyRequest, id: string, form?: FormState)
  : Promise<ConversationView | null> {
  const actor = requireResident(req.actor);
  const v = await readResidentConversation({ services, actor, id, meta: requestMeta(req) });
  return v && presentConversation(v, { viewer: 'resident', userId: actor.userId, t: req.t, form });
}

/** The conversation for the staff application page (null for a draft or a role without messages); checks the actor's reach. */
export async function staffConversationView(services: Services, req: FastifyRequest, id: string, form?: FormState)
  : Promise<ConversationView | null> {
  if (!can(req.actor, 'messages.read')) return null;
  const v = await readStaffConversation({ services, actor: req.actor, id, meta: requestMeta(req) });
  return v && presentConversation(v, { viewer: 'staff', userId: req.actor!.userId, t: req.t, form });
}

export type ParsedMessage = { ok: true; form: MessageForm } | { ok: false; errors: FormErrors; form: FormState };

/** The posted message form: a missing or malformed key is a bad request; a bad text is the form's error. */
export function parseMessage(req: FastifyRequest): ParsedMessage {
  const b = formBody(req.body);
  const r = messageForm.safeParse(b);
  if (r.success) return { ok: true, form: r.data };
  if (r.error.issues.some((i) => i.path[0] === 'formKey')) throw new AppError('bad_request');
  const text = req.t(r.error.issues[0].message, { max: MAX_BODY });
  return { ok: false, errors: formErrors([{ field: 'messageBody', text }]), form: { formKey: b.formKey, value: b.messageBody ?? '' } };
}
