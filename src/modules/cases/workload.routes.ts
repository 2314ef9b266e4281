import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { presentCaseload, presentWorkload } from './workload.presenter.js';
import { viewWorkload } from './use-cases/view-workload.js';
import { viewCaseload } from './use-cases/view-caseload.js';
import { viewCaseStatistics } from './use-cases/view-case-statistics.js';
import { CASE_STATUSES } from './case-machine.js';
import type { Figure } from './statistics.js';

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
    app.get('/cases/statistics', async (req, reply) => {
      authorize(req.actor, 'cases.supervise');
      const { table, names } = await viewCaseStatistics(useCaseOf(req, services));
      const shown = (f: Figure) => (f === 'suppressed' ? req.t('cases.statistics.suppressed') : String(f));
      return reply.page('cases/views/statistics.njk', {
        pageTitle: req.t('cases.statistics.title'),
        statuses: CASE_STATUSES.map((s) => req.t(`cases.status.${s}`)),
        rows: table.rows.map((r) => ({
          name: req.locale === 'en' ? names[r.key]?.en : names[r.key]?.uk,
          restricted: r.restricted,
          cells: r.cells.map(shown),
          total: shown(r.total),
        })),
        totals: table.totals.map(shown),
        total: shown(table.total),
        anySuppressed: table.total === 'suppressed',
      });
    });
    return Promise.resolve();
  };
}
