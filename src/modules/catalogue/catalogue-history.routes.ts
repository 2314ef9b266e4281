import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { formatDateTime } from '../../platform/i18n.js';
import { NO_ERRORS, formErrors, parseBody, parseParams, type FormErrors } from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { activeForm } from './catalogue.schema.js';
import { doneFlash } from './catalogue.presenter.js';
import { historyChanges } from './service-snapshot.js';
import { getServiceCard } from './use-cases/get-service-card.js';
import { setServiceActive } from './use-cases/set-service-active.js';
import { viewServiceHistory } from './use-cases/view-service-history.js';

/** History of a service card, and switching a service off and on again (with confirmation). */
export function catalogueHistoryRoutes(services: Services) {
  async function confirmPage(req: FastifyRequest, reply: FastifyReply, active: boolean, errors?: FormErrors) {
    const { id } = parseParams(req, idParams);
    const card = await getServiceCard({ ...useCaseOf(req, services), id });
    const kind = active ? 'activate' : 'deactivate';
    const heading = req.t(`catalogue.admin.confirm.${kind}.title`, { name: card.service.name });
    const shown = errors ?? NO_ERRORS;
    return reply.page(
      'admin/views/confirm.njk',
      {
        pageTitle: heading,
        heading,
        body: req.t(`catalogue.admin.confirm.${kind}.body`),
        button: req.t(`catalogue.admin.confirm.${kind}.button`),
        warning: !active,
        action: `/admin/catalogue/${id}/${kind}`,
        cancelHref: '/admin/catalogue',
        reason: '',
        errors: shown.errors,
        errorSummary: shown.errorSummary,
      },
      errors ? 400 : 200,
    );
  }

  async function setActive(req: FastifyRequest, reply: FastifyReply, active: boolean) {
    const { id } = parseParams(req, idParams);
    authorize(req.actor, 'catalogue.manage');
    const form = parseBody(req, activeForm);
    if (!form.ok) return confirmPage(req, reply, active, formErrors(req.t, form.problems));
    await setServiceActive({ ...useCaseOf(req, services), id, active, reason: form.data.reason });
    return reply.redirect(`/admin/catalogue?done=${active ? 'activated' : 'deactivated'}`, 303);
  }

  return function (app: FastifyInstance) {
    app.get('/admin/catalogue/:id/history', async (req, reply) => {
      const { id } = parseParams(req, idParams);
      const { card, rows } = await viewServiceHistory({ ...useCaseOf(req, services), id });
      return reply.page('catalogue/views/admin-history.njk', {
        pageTitle: req.t('catalogue.history.title', { name: card.service.name }),
        flash: doneFlash(req),
        service: {
          id,
          name: card.service.name,
          version: card.service.version,
          active: card.service.active,
          updatedAt: formatDateTime(card.service.updated_at),
        },
        changes: historyChanges(req.t, card, rows),
      });
    });
    app.get('/admin/catalogue/:id/deactivate', (req, reply) => confirmPage(req, reply, false));
    app.post('/admin/catalogue/:id/deactivate', (req, reply) => setActive(req, reply, false));
    app.get('/admin/catalogue/:id/activate', (req, reply) => confirmPage(req, reply, true));
    app.post('/admin/catalogue/:id/activate', (req, reply) => setActive(req, reply, true));
    return Promise.resolve();
  };
}
