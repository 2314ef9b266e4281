import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { AppError } from '../../platform/errors.js';
import { parseQuery } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { periodOf } from '../metrics/metric.js';
import { periodText } from '../metrics/metrics.presenter.js';
import { isNarrowing, narrowedKey } from '../metrics/metrics.registry.js';
import { listMetricPersons } from './use-cases/list-metric-persons.js';

const PERSONS_PAGE = 50;
const personsQuery = z.object({
  metric: z.string().max(80),
  period: z.string().max(7),
  service: z.string().max(60).refine(isNarrowing).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional().catch(undefined),
});

/** The drill-down of a computed figure (the metrics page links here): the persons it counts, each to their card. */
export function metricPersonsRoutes(services: Services, hooks: HookRegistry) {
  return function (app: FastifyInstance) {
    // The drill-down: the persons a figure counts (those who may read the registry; audited).
    app.get('/metrics/persons', async (req, reply) => {
      authorize(req.actor, 'metrics.read');
      const q = parseQuery(req, personsQuery);
      const period = q.ok ? periodOf(q.data.period) : null;
      if (!q.ok || !period) throw new AppError('not_found');
      const page = q.data.page ?? 1;
      const r = await listMetricPersons({
        ...useCaseOf(req, services),
        hooks,
        key: q.data.service ? narrowedKey(q.data.metric, q.data.service) : q.data.metric,
        period,
        limit: PERSONS_PAGE,
        offset: (page - 1) * PERSONS_PAGE,
      });
      noStore(reply);
      const t = req.t;
      const title = t(`metrics.m.${q.data.metric}`);
      return reply.page('persons-web/views/metric-persons.njk', {
        pageTitle: t('metrics.persons.title'),
        title,
        period: periodText(t, q.data.period),
        backHref: `/metrics?metric=${q.data.metric}${q.data.service ? `&service=${encodeURIComponent(q.data.service)}` : ''}&period=${q.data.period}`,
        total: r.total,
        persons: r.rows.map((p) => ({
          href: `/persons/${p.id}`,
          name: [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' '),
          birthDate: p.birth_date,
        })),
        pagination: paginate({
          page,
          pageSize: PERSONS_PAGE,
          total: r.total,
          href: (n) =>
            pageHref('/metrics/persons', { metric: q.data.metric, service: q.data.service, period: q.data.period }, n),
        }),
      });
    });

    return Promise.resolve();
  };
}
