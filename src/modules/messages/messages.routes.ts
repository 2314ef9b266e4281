import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { pageHref, paginate } from '../../platform/pagination.js';
import { NO_ERRORS, parseParams, parseQuery, type FormErrors } from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { contentDisposition } from '../cabinet/cabinet.files.js';
import { setUpCabinetUploads, taken } from '../cabinet/cabinet.uploads.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { presentConversationRow, type ConversationView, type FormState } from './messages.presenter.js';
import {
  ATTACHMENTS_FIELD,
  MAX_ATTACHMENTS,
  MULTIPART_FIELD_BYTES,
  fileParams,
  sentQuery,
  unreadQuery,
} from './messages.schema.js';
import { parseMessage, residentConversationView, staffConversationView } from './messages.web.js';
import { closedConversation } from './messages.policy.js';
import { listMyConversations } from './use-cases/list-my-conversations.js';
import { listUnreadMessages } from './use-cases/list-unread-messages.js';
import { openResidentMessageFile } from './use-cases/open-message-file.js';
import { writeResidentMessage } from './use-cases/write-resident-message.js';
import { writeStaffMessage } from './use-cases/write-staff-message.js';

type ViewFor = (
  services: Services,
  req: FastifyRequest,
  id: string,
  form?: FormState,
) => Promise<ConversationView | null>;

const PAGE_SIZE = 25;

/** The conversation on its own page: after sending, and with the errors of a rejected message (400). */
async function renderThread(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  viewFor: ViewFor,
  x: { form?: FormState; errors?: FormErrors } = {},
) {
  const conversation = await viewFor(services, req, id, x.form);
  const q = parseQuery(req, sentQuery);
  if (!conversation) throw new AppError('not_found');
  const errors = x.errors ?? NO_ERRORS;
  if (errors.errorSummary.length && !conversation.writable) throw closedConversation();
  noStore(reply);
  return reply.page(
    'messages/views/thread.njk',
    {
      pageTitle: req.t('messages.thread.title', { number: conversation.number }),
      conversation,
      flash: q.ok && q.data.sent === '1' && !errors.errorSummary.length ? req.t('messages.sent') : null,
      ...errors,
    },
    errors.errorSummary.length ? 400 : 200,
  );
}

/** Messages between a resident and the office about an application: both sides' pages and forms. */
export function messagesRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    // The resident's side (their own applications only; anything else is 404).
    app.get('/cabinet/messages', async (req, reply) => {
      requireResident(req.actor);
      const list = await listMyConversations(useCaseOf(req, services));
      noStore(reply);
      return reply.page('messages/views/cabinet-list.njk', {
        pageTitle: req.t('messages.cabinet.title'),
        linked: list.linked,
        items: list.items.map((r) => presentConversationRow(r, 'resident', req.t)),
      });
    });

    app.get('/cabinet/applications/:id/messages', async (req, reply) => {
      requireResident(req.actor);
      return renderThread(services, req, reply, parseParams(req, idParams).id, residentConversationView);
    });

    // The resident's form may carry files (multipart, parsed in this scope only): checked, then kept with the message.
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, {
        repeated: { field: ATTACHMENTS_FIELD, max: MAX_ATTACHMENTS },
        fieldSize: MULTIPART_FIELD_BYTES,
      });
      withFiles.post('/cabinet/applications/:id/messages', async (req, reply) => {
        requireResident(req.actor);
        const { id } = parseParams(req, idParams);
        const parsed = parseMessage(req, { files: true });
        if (!parsed.ok) return renderThread(services, req, reply, id, residentConversationView, parsed);
        await writeResidentMessage({
          ...useCaseOf(req, services),
          id,
          form: parsed.form,
          files: parsed.files,
          taken: (field) => {
            taken(req, field);
          },
        });
        return reply.redirect(`/cabinet/applications/${id}/messages?sent=1`, 303);
      });
    });

    app.get('/cabinet/applications/:id/messages/files/:documentId', async (req, reply) => {
      requireResident(req.actor);
      const { id, documentId } = parseParams(req, fileParams);
      const { file, stream } = await openResidentMessageFile({ ...useCaseOf(req, services), id, documentId });
      noStore(reply);
      return reply
        .header('content-type', file.content_type)
        .header('content-disposition', contentDisposition(file.file_name, file.content_type))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    });

    // The office's side: within the reach of the applications policy (district of a starosta).
    app.get('/applications/messages', async (req, reply) => {
      authorize(req.actor, 'messages.read');
      const q = unreadQuery.parse(req.query ?? {});
      const page = await listUnreadMessages({
        ...useCaseOf(req, services),
        limit: PAGE_SIZE,
        offset: (q.page - 1) * PAGE_SIZE,
      });
      noStore(reply);
      return reply.page('messages/views/staff-unread.njk', {
        pageTitle: req.t('messages.staff.title'),
        total: page.total,
        items: page.items.map((r) => presentConversationRow(r, 'staff', req.t)),
        pages: paginate({
          page: q.page,
          pageSize: PAGE_SIZE,
          total: page.total,
          href: (n) => pageHref('/applications/messages', {}, n),
        }).items,
      });
    });

    app.get('/applications/:id/messages', async (req, reply) => {
      authorize(req.actor, 'messages.read');
      return renderThread(services, req, reply, parseParams(req, idParams).id, staffConversationView);
    });

    app.post('/applications/:id/messages', async (req, reply) => {
      authorize(req.actor, 'messages.write');
      const { id } = parseParams(req, idParams);
      const parsed = parseMessage(req);
      if (!parsed.ok) return renderThread(services, req, reply, id, staffConversationView, parsed);
      await writeStaffMessage({
        ...useCaseOf(req, services),
        id,
        form: parsed.form,
        link: `${publicBaseUrl(services, req)}/cabinet/messages`,
      });
      return reply.redirect(`/applications/${id}/messages?sent=1`, 303);
    });
  };
}
