import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, ValidationError } from '../../platform/errors.js';
import { formErrors, parseBody, parseQuery, type FormErrors } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import type { HookRegistry } from '../../platform/modules.js';
import type { Actor } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { oidcSettings } from '../residents/residents.oidc.js';
import { requireResident } from './cabinet.policy.js';
import { MAX_FILE_BYTES } from './cabinet.files.js';
import { presentDocument, presentMyApplication, presentMyList } from './cabinet.presenter.js';
import { applicationQuery, respondForm, submitForm, withdrawForm } from './cabinet.schema.js';
import { taken, uploadsOf } from './cabinet.uploads.js';
import { responsePickField } from './online-form.js';
import { listMyDocuments } from './use-cases/list-my-documents.js';
import { getMyDecisionPdf } from './use-cases/get-my-decision-pdf.js';
import { getMyApplication } from './use-cases/get-my-application.js';
import { listMyApplications } from './use-cases/list-my-applications.js';
import { respondToDocumentRequest } from './use-cases/respond-to-document-request.js';
import { submitApplication } from './use-cases/submit-application.js';
import { withdrawApplication } from './use-cases/withdraw-application.js';

type IdParams = { Params: { id: string } };

/** The resident's applications: list, timeline, review and submission of a draft, acknowledgement, withdrawal. */
export function myApplicationRoutes(services: Services, hooks: HookRegistry) {
  const oidcName = oidcSettings(services.config)?.name ?? null;
  const view = async (req: FastifyRequest, id: string) => {
    const actor = requireResident(req.actor);
    return presentMyApplication(await getMyApplication({ ...useCaseOf(req, services), actor, id }), req.t);
  };

  /** The application page; while the office waits for documents, with the form to send them (files or «Мої документи»). */
  async function applicationPage(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    x: Partial<FormErrors> & { flash?: string | null; picks?: string[] } = {},
    status = 200,
  ) {
    const app_ = await view(req, id);
    const library = app_.request
      ? (await listMyDocuments({ ...useCaseOf(req, services), actor })).map((d) => presentDocument(d, req.t))
      : [];
    const request = app_.request && {
      ...app_.request,
      documents: app_.request.documents.map((d, i) => ({
        ...d,
        options: [
          { value: '', text: req.t('cabinet.apply.noPick') },
          ...library.map((l) => ({
            value: l.id,
            text: `${l.title} (${l.fileName}, ${l.size})`,
            selected: x.picks?.[i] === l.id,
          })),
        ],
      })),
    };
    // Sections other modules add (the conversation with the office), each under its name, included after the timeline.
    const sections = hooks.all('cabinetApplicationSections');
    const sectionViews: Record<string, unknown> = {};
    for (const s of sections) sectionViews[s.name] = await s.view(services, req, app_.id);
    noStore(reply);
    return reply.page(
      'cabinet/views/application.njk',
      {
        ...sectionViews,
        pageTitle: req.t('cabinet.application.title', { number: app_.number }),
        app: { ...app_, request },
        flash: x.flash ?? null,
        hasLibrary: library.length > 0,
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
        errors: x.errors ?? {},
        errorSummary: x.errorSummary ?? [],
        sections: sections.map((s) => ({ template: s.template })),
        oidcName,
      },
      status,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cabinet/applications', async (req, reply) => {
      const actor = requireResident(req.actor);
      const list = await listMyApplications({ ...useCaseOf(req, services), actor });
      noStore(reply);
      return reply.page('cabinet/views/applications.njk', {
        pageTitle: req.t('cabinet.applications.title'),
        linked: list.linked,
        items: presentMyList(list, req.t),
      });
    });

    app.get<IdParams>('/cabinet/applications/:id', async (req, reply) => {
      const parsed = parseQuery(req, applicationQuery);
      const q = parsed.ok ? parsed.data : {};
      const flash =
        q.saved === '1'
          ? req.t('cabinet.application.saved')
          : q.withdrawn === '1'
            ? req.t('cabinet.withdraw.done')
            : q.sent === '1'
              ? req.t('cabinet.respond.done')
              : null;
      return applicationPage(req, reply, requireResident(req.actor), req.params.id, { flash });
    });

    app.post<IdParams>('/cabinet/applications/:id/documents', async (req, reply) => {
      const actor = requireResident(req.actor);
      const form = parseBody(req, respondForm);
      if (!form.ok) throw new AppError('bad_request');
      const picks = Array.from({ length: 20 }, (_, i) => form.data[responsePickField(i)] ?? '');
      try {
        await respondToDocumentRequest({
          ...useCaseOf(req, services),
          actor,
          id: req.params.id,
          requestId: form.data.requestId,
          uploads: uploadsOf(req),
          picks,
          taken: (f) => {
            taken(req, f);
          },
        });
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return await applicationPage(
          req,
          reply,
          actor,
          req.params.id,
          { ...formErrors(req.t, e.problems), picks },
          400,
        );
      }
      return reply.redirect(`/cabinet/applications/${req.params.id}?sent=1`, 303);
    });

    app.get<IdParams>('/cabinet/applications/:id/decision.pdf', async (req, reply) => {
      const actor = requireResident(req.actor);
      const r = await getMyDecisionPdf({
        ...useCaseOf(req, services),
        actor,
        id: req.params.id,
        origin: publicBaseUrl(services, req),
      });
      noStore(reply);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="decision.pdf"')
        .header('x-content-type-options', 'nosniff')
        .send(r.pdf);
    });

    app.get<IdParams>('/cabinet/applications/:id/review', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (!app_.isDraft) return reply.redirect(`/cabinet/applications/${app_.id}`);
      noStore(reply);
      return reply.page('cabinet/views/review.njk', { pageTitle: req.t('cabinet.review.title'), app: app_ });
    });

    app.post<IdParams>('/cabinet/applications/:id/submit', async (req, reply) => {
      const actor = requireResident(req.actor);
      const form = parseBody(req, submitForm);
      if (!form.ok) throw new AppError('bad_request');
      const r = await submitApplication({
        ...useCaseOf(req, services),
        actor,
        id: req.params.id,
        formKey: form.data.formKey,
      });
      return reply.redirect(`/cabinet/applications/${r.id}/acknowledgement`, 303);
    });

    app.get<IdParams>('/cabinet/applications/:id/acknowledgement', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (app_.isDraft) return reply.redirect(`/cabinet/applications/${app_.id}/review`);
      noStore(reply);
      return reply.page('cabinet/views/acknowledgement.njk', {
        pageTitle: req.t('cabinet.ack.title'),
        app: app_,
        oidcName,
      });
    });

    app.get<IdParams>('/cabinet/applications/:id/withdraw', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (!app_.canWithdraw) throw new AppError('conflict', { messageKey: 'cabinet.withdraw.tooLate' });
      return reply.page('cabinet/views/withdraw.njk', { pageTitle: req.t('cabinet.withdraw.title'), app: app_ });
    });

    app.post<IdParams>('/cabinet/applications/:id/withdraw', async (req, reply) => {
      const actor = requireResident(req.actor);
      const form = parseBody(req, withdrawForm);
      const version = form.ok ? form.data.version : undefined;
      await withdrawApplication({ ...useCaseOf(req, services), actor, id: req.params.id, version });
      return reply.redirect(`/cabinet/applications/${req.params.id}?withdrawn=1`, 303);
    });
    return Promise.resolve();
  };
}
