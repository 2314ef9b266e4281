import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { NO_ERRORS, type FormErrors } from '../persons-web/form.js';
import { pageNumbers } from '../persons-web/persons-web.presenter.js';
import { requireResident } from '../cabinet/cabinet.access.js';
import { contentDisposition } from '../cabinet/cabinet.files.js';
import { setUpCabinetUploads, taken } from '../cabinet/cabinet.uploads.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { presentConversationRow, type ConversationView, type FormState } from './messages.presenter.js';
import { ATTACHMENTS_FIELD, MAX_ATTACHMENTS, MULTIPART_FIELD_BYTES, unreadQuery } from './messages.schema.js';
import { parseMessage, residentConversationView, staffConversationView } from './messages.web.js';
import { listMyConversations, listUnreadMessages } from './use-cases/list-conversations.js';
import { openResidentMessageFile } from './use-cases/read-conversation.js';
import { writeResidentMessage, writeStaffMessage } from './use-cases/write-message.js';
import { requestMeta } from '../../platform/audit.js';

type IdParams = { Params: { id: string }; Querystring: { sent?: string } };
type ViewFor = (services: Services, req: FastifyRequest, id: string, form?: FormState) => Promise<ConversationView | null>;

const PAGE_SIZE = 25;

/** The conversation on its own page: after sending, and with the errors of a rejected message (400). */
async function renderThread(services: Services, req: FastifyRequest<IdParams>, reply: FastifyReply, viewFor: ViewFor,
  x: { form?: FormState; errors?: FormErrors } = {}) {
  const conversation = await viewFor(services, req, req.params.id, x.form);
  if (!conversation) throw new AppError('not_found');
  const errors = x.errors ?? NO_ERRORS;
  if (errors.errorSummary.length && !conversation.writable) throw new AppError('conflict', { messageKey: 'messages.v.closed' });
  return reply.header('cache-control', 'no-store').page('messages/views/thread.njk', {
    pageTitle: req.t('messages.thread.title', { number: conversation.number }), conversation,
    flash: req.query.sent === '1' && !errors.errorSummary.length ? req.t('messages.sent') : null, ...errors,
  }, errors.errorSummary.length ? 400 : 200);
}

/** Messages between a resident and the office about an application: both sides' pages and forms. */
export function messagesRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    // The resident's side (their own applications only; anything else is 404).
    app.get('/cabinet/messages', async (req, reply) => {
      const actor = requireResident(req.actor);
      const list = await listMyConversations({ services, actor, meta: requestMeta(req) });
      return reply.header('cache-control', 'no-store').page('messages/views/cabinet-list.njk', {
        pageTitle: req.t('messages.cabinet.title'), linked: list.linked,
        items: list.items.map((r) => presentConversationRow(r, 'resident', req.t)),
      });
    });

    app.get<IdParams>('/cabinet/applications/:id/messages', async (req, reply) => {
      requireResident(req.actor);
      return renderThread(services, req, reply, residentConversationView);
    });

    // The resident's form may carry files (multipart, parsed in this scope only): checked, then kept with the message.
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, {
        repeated: { field: ATTACHMENTS_FIELD, max: MAX_ATTACHMENTS }, fieldSize: MULTIPART_FIELD_BYTES });
      withFiles.post<IdParams>('/cabinet/applications/:id/messages', async (req, reply) => {
        const actor = requireResident(req.actor);
        const parsed = parseMessage(req, { files: true });
        if (!parsed.ok) return renderThread(services, req, reply, residentConversationView, parsed);
        await writeResidentMessage({ services, actor, id: req.params.id, form: parsed.form, files: parsed.files,
          taken: (field) => taken(req, field), meta: requestMeta(req) });
        return reply.redirect(`/cabinet/applications/${req.params.id}/messages?sent=1`, 303);
      });
    });

    app.get<{ Params: { id: string; documentId: string } }>('/cabinet/applications/:id/messages/files/:documentId', async (req, reply) => {
      const actor = requireResident(req.actor);
      const { file, stream } = await openResidentMessageFile({ services, actor, id: req.params.id, documentId: req.params.documentId,
        meta: requestMeta(req) });
      return reply.header('content-type', file.content_type).header('content-disposition', contentDisposition(file.file_name, file.content_type))
        .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(stream);
    });

    // The office's side: within the reach of the applications policy (district of a starosta).
    app.get<{ Querystring: { page?: string } }>('/applications/messages', async (req, reply) => {
      authorize(req.actor, 'messages.read');
      const q = unreadQuery.parse(req.query ?? {});
      const page = await listUnreadMessages({ services, actor: req.actor, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE,
        meta: requestMeta(req) });
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      return reply.header('cache-control', 'no-store').page('messages/views/staff-unread.njk', {
        pageTitle: req.t('messages.staff.title'), total: page.total,
        items: page.items.map((r) => presentConversationRow(r, 'staff', req.t)),
        pages: pages > 1 ? pageNumbers(q.page, pages).map((n) => (n === null ? null
          : { n, href: n === 1 ? '/applications/messages' : `/applications/messages?page=${n}`, current: n === q.page })) : [],
      });
    });

    app.get<IdParams>('/applications/:id/messages', async (req, reply) => {
      authorize(req.actor, 'messages.read');
      return renderThread(services, req, reply, staffConversationView);
    });

    app.post<IdParams>('/applications/:id/messages', async (req, reply) => {
      authorize(req.actor, 'messages.write');
      const parsed = parseMessage(req);
      if (!parsed.ok) return renderThread(services, req, reply, staffConversationView, parsed);
      await writeStaffMessage({ services, actor: req.actor, id: req.params.id, form: parsed.form,
        link: `${publicBaseUrl(services, req)}/cabinet/messages`, meta: requestMeta(req) });
      return reply.redirect(`/applications/${req.params.id}/messages?sent=1`, 303);
    });
  };
}
