import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { isUuid, requireResident } from './cabinet.access.js';
import { MAX_FILE_BYTES } from './cabinet.files.js';
import { presentDocument, presentMyApplication, presentMyList } from './cabinet.presenter.js';
import { taken, uploadsOf } from './cabinet.uploads.js';
import { bodyOf, pageErrors, str, type PageErrors } from './cabinet.web.js';
import { listMyDocuments } from './use-cases/my-documents.js';
import { myDecisionPdf } from './use-cases/my-decision.js';
import { getMyApplication, listMyApplications } from './use-cases/read-applications.js';
import { respondToDocumentRequest, responsePickField } from './use-cases/respond-documents.js';
import { ApplyProblems } from './use-cases/save-draft.js';
import { submitApplication } from './use-cases/submit-application.js';
import { withdrawApplication } from './use-cases/withdraw-application.js';
import { residentConversationView } from '../messages/messages.web.js';
import { requestMeta } from '../../platform/audit.js';
import { oidcSettings } from '../residents/residents.oidc.js';

type IdParams = { Params: { id: string } };

/** The resident's applications: list, timeline, review and submission of a draft, acknowledgement, withdrawal. */
export function myApplicationRoutes(services: Services) {
  const oidcName = oidcSettings(services.config)?.name ?? null;
  const view = async (req: FastifyRequest, id: string) => {
    const actor = requireResident(req.actor);
    return presentMyApplication(await getMyApplication({ services, actor, id, meta: requestMeta(req) }), req.t);
  };

  /** The application page; while the office waits for documents, with the form to send them (files or «Мої документи»). */
  async function applicationPage(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string,
    x: Partial<PageErrors> & { flash?: string | null; picks?: string[] } = {}, status = 200) {
    const app_ = await view(req, id);
    const library = app_.request ? (await listMyDocuments(services, actor)).map((d) => presentDocument(d, req.t)) : [];
    const request = app_.request && {
      ...app_.request,
      documents: app_.request.documents.map((d, i) => ({ ...d,
        options: [{ value: '', text: req.t('cabinet.apply.noPick') }, ...library.map((l) => ({ value: l.id,
          text: `${l.title} (${l.fileName}, ${l.size})`, selected: x.picks?.[i] === l.id }))] })),
    };
    return reply.header('cache-control', 'no-store').page('cabinet/views/application.njk', {
      pageTitle: req.t('cabinet.application.title', { number: app_.number }), app: { ...app_, request }, flash: x.flash ?? null,
      hasLibrary: library.length > 0, maxMb: MAX_FILE_BYTES / 1024 / 1024, errors: x.errors ?? {}, errorSummary: x.errorSummary ?? [],
      conversation: await residentConversationView(services, req, app_.id), oidcName,
    }, status);
  }

  return async function (app: FastifyInstance) {
    app.get('/cabinet/applications', async (req, reply) => {
      const actor = requireResident(req.actor);
      const list = await listMyApplications({ services, actor, meta: requestMeta(req) });
      return reply.header('cache-control', 'no-store').page('cabinet/views/applications.njk', {
        pageTitle: req.t('cabinet.applications.title'), linked: list.linked, items: presentMyList(list, req.t),
      });
    });

    app.get<IdParams & { Querystring: { saved?: string; withdrawn?: string; sent?: string } }>('/cabinet/applications/:id', async (req, reply) => {
      const q = req.query;
      const flash = q.saved === '1' ? req.t('cabinet.application.saved') : q.withdrawn === '1' ? req.t('cabinet.withdraw.done')
        : q.sent === '1' ? req.t('cabinet.respond.done') : null;
      return applicationPage(req, reply, requireResident(req.actor), req.params.id, { flash });
    });

    app.post<IdParams>('/cabinet/applications/:id/documents', async (req, reply) => {
      const actor = requireResident(req.actor);
      const b = bodyOf(req);
      const requestId = str(b.requestId);
      if (!isUuid(requestId)) throw new AppError('bad_request');
      const picks = Array.from({ length: 20 }, (_, i) => str(b[responsePickField(i)]));
      try {
        await respondToDocumentRequest({ services, actor, id: req.params.id, requestId, uploads: uploadsOf(req), picks,
          taken: (f) => taken(req, f), meta: requestMeta(req) });
      } catch (e) {
        if (!(e instanceof ApplyProblems)) throw e;
        return applicationPage(req, reply, actor, req.params.id, { ...pageErrors(e.problems, req.t), picks }, 400);
      }
      return reply.redirect(`/cabinet/applications/${req.params.id}?sent=1`, 303);
    });

    app.get<IdParams>('/cabinet/applications/:id/decision.pdf', async (req, reply) => {
      const actor = requireResident(req.actor);
      const r = await myDecisionPdf({ services, actor, id: req.params.id, origin: publicBaseUrl(services, req), meta: requestMeta(req) });
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="decision.pdf"')
        .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(r.pdf);
    });

    app.get<IdParams>('/cabinet/applications/:id/review', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (!app_.isDraft) return reply.redirect(`/cabinet/applications/${app_.id}`);
      return reply.header('cache-control', 'no-store').page('cabinet/views/review.njk', { pageTitle: req.t('cabinet.review.title'), app: app_ });
    });

    app.post<IdParams>('/cabinet/applications/:id/submit', async (req, reply) => {
      const actor = requireResident(req.actor);
      const formKey = str(bodyOf(req).formKey);
      if (!formKey) throw new AppError('bad_request');
      const r = await submitApplication({ services, actor, id: req.params.id, formKey, meta: requestMeta(req) });
      return reply.redirect(`/cabinet/applications/${r.id}/acknowledgement`, 303);
    });

    app.get<IdParams>('/cabinet/applications/:id/acknowledgement', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (app_.isDraft) return reply.redirect(`/cabinet/applications/${app_.id}/review`);
      return reply.header('cache-control', 'no-store').page('cabinet/views/acknowledgement.njk', {
        pageTitle: req.t('cabinet.ack.title'), app: app_, oidcName,
      });
    });

    app.get<IdParams>('/cabinet/applications/:id/withdraw', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (!app_.canWithdraw) throw new AppError('conflict', { messageKey: 'cabinet.withdraw.tooLate' });
      return reply.page('cabinet/views/withdraw.njk', { pageTitle: req.t('cabinet.withdraw.title'), app: app_ });
    });

    app.post<IdParams>('/cabinet/applications/:id/withdraw', async (req, reply) => {
      const actor = requireResident(req.actor);
      const v = Number.parseInt(str(bodyOf(req).version), 10);
      await withdrawApplication({ services, actor, id: req.params.id, version: Number.isFinite(v) ? v : undefined, meta: requestMeta(req) });
      return reply.redirect(`/cabinet/applications/${req.params.id}?withdrawn=1`, 303);
    });
  };
}
