import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { requireResident } from './cabinet.access.js';
import { presentMyApplication, presentMyList } from './cabinet.presenter.js';
import { bodyOf, meta, str } from './cabinet.web.js';
import { getMyApplication, listMyApplications } from './use-cases/read-applications.js';
import { submitApplication } from './use-cases/submit-application.js';
import { withdrawApplication } from './use-cases/withdraw-application.js';

type IdParams = { Params: { id: string } };

/** The resident's applications: list, timeline, review and submission of a draft, acknowledgement, withdrawal. */
export function myApplicationRoutes(services: Services) {
  const view = async (req: FastifyRequest, id: string) => {
    const actor = requireResident(req.actor);
    return presentMyApplication(await getMyApplication({ services, actor, id, meta: meta(req) }), req.t);
  };

  return async function (app: FastifyInstance) {
    app.get('/cabinet/applications', async (req, reply) => {
      const actor = requireResident(req.actor);
      const list = await listMyApplications({ services, actor, meta: meta(req) });
      return reply.header('cache-control', 'no-store').page('cabinet/views/applications.njk', {
        pageTitle: req.t('cabinet.applications.title'), linked: list.linked, items: presentMyList(list, req.t),
      });
    });

    app.get<IdParams & { Querystring: { saved?: string; withdrawn?: string } }>('/cabinet/applications/:id', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      const flash = req.query.saved === '1' ? req.t('cabinet.application.saved') : req.query.withdrawn === '1' ? req.t('cabinet.withdraw.done') : null;
      return reply.header('cache-control', 'no-store').page('cabinet/views/application.njk', {
        pageTitle: req.t('cabinet.application.title', { number: app_.number }), app: app_, flash,
      });
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
      const r = await submitApplication({ services, actor, id: req.params.id, formKey, meta: meta(req) });
      return reply.redirect(`/cabinet/applications/${r.id}/acknowledgement`, 303);
    });

    app.get<IdParams>('/cabinet/applications/:id/acknowledgement', async (req, reply) => {
      const app_ = await view(req, req.params.id);
      if (app_.isDraft) return reply.redirect(`/cabinet/applications/${app_.id}/review`);
      return reply.header('cache-control', 'no-store').page('cabinet/views/acknowledgement.njk', {
        pageTitle: req.t('cabinet.ack.title'), app: app_,
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
      await withdrawApplication({ services, actor, id: req.params.id, version: Number.isFinite(v) ? v : undefined, meta: meta(req) });
      return reply.redirect(`/cabinet/applications/${req.params.id}?withdrawn=1`, 303);
    });
  };
}
