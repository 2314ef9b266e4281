import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { formatDateTime } from '../../platform/i18n.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from './cabinet.policy.js';
import { listMyNotifications } from './use-cases/list-my-notifications.js';
import { markMyNotificationsRead } from './use-cases/mark-my-notifications-read.js';

/** The resident's notifications (registration, document requests, decisions), newest first. */
export function notificationRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get('/cabinet/notifications', async (req, reply) => {
      const actor = requireResident(req.actor);
      const items = await listMyNotifications({ ...useCaseOf(req, services), actor });
      noStore(reply);
      return reply.page('cabinet/views/notifications.njk', {
        pageTitle: req.t('cabinet.notifications.title'),
        unread: items.filter((n) => !n.readAt).length,
        items: items.map((n) => ({
          text: n.text,
          at: formatDateTime(n.createdAt),
          unread: !n.readAt,
          href: n.applicationId
            ? `/cabinet/applications/${n.applicationId}`
            : n.kind.startsWith('appointment_')
              ? '/cabinet/appointments'
              : null,
        })),
      });
    });

    app.post('/cabinet/notifications/read', async (req, reply) => {
      const actor = requireResident(req.actor);
      await markMyNotificationsRead({ ...useCaseOf(req, services), actor });
      return reply.redirect('/cabinet/notifications', 303);
    });
    return Promise.resolve();
  };
}
