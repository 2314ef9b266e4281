import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { presentMyService } from './assignments.presenter.js';
import { listMyServices } from './use-cases/list-my-services.js';

/** The resident cabinet's «Отримані послуги»: services the linked persons receive or received. */
export function cabinetServicesRoutes(services: Services) {
  return (app: FastifyInstance) => {
    app.get('/cabinet/services', async (req, reply) => {
      const actor = requireResident(req.actor);
      const my = await listMyServices({ ...useCaseOf(req, services), actor });
      const several = new Set(my.rows.map((r) => r.person_id)).size > 1;
      noStore(reply);
      return reply.page('assignments/views/cabinet-services.njk', {
        pageTitle: req.t('assignments.cabinet.title'),
        linked: my.linked,
        items: my.rows.map((r) => presentMyService(r, req.t, several)),
      });
    });
    return Promise.resolve();
  };
}
