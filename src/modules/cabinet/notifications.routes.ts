import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { formatDateTime } from '../../platform/i18n.js';
import { listNotifications, markRead } from '../decisions/use-cases/notify.js';
import { requireResident } from './cabinet.access.js';

/** The resident's notifications (registration, document requests, decisions), newest first. */
export function notificationRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    app.get('/cabinet/notifications', async (req, reply) => {
      const actor = requireResident(req.actor);
      const items = await services.db.tx({ hromadaId: null, userId: actor.userId }, (c) => listNotifications(c, actor.userId));
      return reply.header('cache-control', 'no-store').page('cabinet/views/notifications.njk', {
        pageTitle: req.t('cabinet.notifications.title'),
        unread: items.filter((n) => !n.readAt).length,
        items: items.map((n) => ({
          text: n.text, at: formatDateTime(n.createdAt), unread: !n.readAt,
          href: n.applicationId ? `/cabinet/applications/${n.applicationId}` : null,
        })),
      });
    });

    app.post('/cabinet/notifications/read', async (req, reply) => {
      const actor = requireResident(req.actor);
      await services.db.tx({ hromadaId: null, userId: actor.userId }, (c) => markRead(c, actor.userId));
      return reply.redirect('/cabinet/notifications', 303);
    });
  };
}
