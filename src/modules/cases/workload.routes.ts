import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { presentCaseload, presentWorkload } from './workload.presenter.js';
import { viewWorkload } from './use-cases/view-workload.js';
import { viewCaseload } from './use-cases/view-caseload.js';

/** Workloads: a case manager's own («Моє навантаження») and the supervisor's caseload of the hromada. */
export function workloadRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get('/cases/workload', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      const w = await viewWorkload(useCaseOf(req, services));
      noStore(reply);
      return reply.page('cases/views/workload.njk', {
        pageTitle: req.t('cases.workload.title'),
        ...presentWorkload(w, req.t),
      });
    });

    app.get('/cases/caseload', async (req, reply) => {
      authorize(req.actor, 'cases.supervise');
      const v = await viewCaseload(useCaseOf(req, services));
      noStore(reply);
      return reply.page('cases/views/caseload.njk', {
        pageTitle: req.t('cases.workload.caseload.title'),
        ...presentCaseload(v, req.t),
      });
    });
    return Promise.resolve();
  };
}
