import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/i18n.js';
import { params } from '../admin/admin.http.js';
import { single } from '../admin/form.js';
import { idParams } from './catalogue.schema.js';
import { findServiceCard } from './catalogue.queries.js';
import { doneFlash, managerOf } from './catalogue-admin.routes.js';
import { setServiceActive } from './use-cases/save-service.js';
import { viewServiceHistory } from './use-cases/view-history.js';
import { requestMeta } from '../../platform/audit.js';

const reasonForm = z.string().trim().max(500);

/** History of a service card, and switching a service off and on again (with confirmation). */
export function catalogueHistoryRoutes(services: Services) {
  const { db } = services;

  async function confirmPage(req: FastifyRequest, reply: FastifyReply, active: boolean, errors?: { reason: { text: string } }) {
    const { id } = params(idParams, req);
    const { hromadaId } = managerOf(req);
    const card = await db.tx({ hromadaId }, (c) => findServiceCard(c, id));
    if (!card) throw new AppError('not_found');
    const kind = active ? 'activate' : 'deactivate';
    const heading = req.t(`catalogue.admin.confirm.${kind}.title`, { name: card.service.name });
    return reply.page('admin/views/confirm.njk', {
      pageTitle: heading, heading, body: req.t(`catalogue.admin.confirm.${kind}.body`),
      button: req.t(`catalogue.admin.confirm.${kind}.button`), warning: !active,
      action: `/admin/catalogue/${id}/${kind}`, cancelHref: '/admin/catalogue', reason: '',
      errors: errors ?? {}, errorSummary: errors ? [{ text: errors.reason.text, href: '#reason' }] : [],
    }, errors ? 400 : 200);
  }

  async function setActive(req: FastifyRequest, reply: FastifyReply, active: boolean) {
    const { id } = params(idParams, req);
    managerOf(req);
    const reason = reasonForm.safeParse(single((req.body as Record<string, unknown> | undefined)?.reason));
    if (!reason.success) return confirmPage(req, reply, active, { reason: { text: req.t('catalogue.v.tooLong') } });
    await setServiceActive({ db, actor: req.actor, meta: requestMeta(req), id, active, reason: reason.data });
    return reply.redirect(`/admin/catalogue?done=${active ? 'activated' : 'deactivated'}`, 303);
  }

  return async function (app: FastifyInstance) {
    app.get('/admin/catalogue/:id/history', async (req, reply) => {
      const { id } = params(idParams, req);
      const { hromadaId } = managerOf(req);
      const { card, changes } = await viewServiceHistory(db, hromadaId, id, req.t);
      return reply.page('catalogue/views/admin-history.njk', {
        pageTitle: req.t('catalogue.history.title', { name: card.service.name }), flash: doneFlash(req),
        service: { id, name: card.service.name, version: card.service.version, active: card.service.active,
          updatedAt: formatDateTime(card.service.updated_at) },
        changes,
      });
    });
    app.get('/admin/catalogue/:id/deactivate', (req, reply) => confirmPage(req, reply, false));
    app.post('/admin/catalogue/:id/deactivate', (req, reply) => setActive(req, reply, false));
    app.get('/admin/catalogue/:id/activate', (req, reply) => confirmPage(req, reply, true));
    app.post('/admin/catalogue/:id/activate', (req, reply) => setActive(req, reply, true));
  };
}
