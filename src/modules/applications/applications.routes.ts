import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize, can } from '../../platform/policy.js';
import { formBody } from '../persons-web/form.js';
import { pageNumbers } from '../persons-web/persons-web.presenter.js';
import { registerPersonLink } from '../persons-merge/persons-merge.links.js';
import { queueReference } from './applications.queries.js';
import { queueReach, commandsFor } from './applications.policy.js';
import { presentQueueItem } from './applications.presenter.js';
import { queueQuery, transitionForm, type QueueQuery } from './applications.schema.js';
import { STATUSES } from './status-machine.js';
import { applicationId, commandInput, problemsOf, renderApplication } from './applications.web.js';
import { changeStatus } from './use-cases/change-status.js';
import { getApplication } from './use-cases/get-application.js';
import { listQueue } from './use-cases/list-queue.js';
import { intakeRoutes } from './intake.routes.js';
import { requestMeta } from '../../platform/audit.js';
import { isAppError } from '../../platform/errors.js';
import { UUID } from '../persons-web/form.js';
import { linkApplicationPerson } from './use-cases/link-person.js';
import { formErrors } from '../persons-web/form.js';

// A merge of persons moves their applications to the surviving record.
registerPersonLink({ table: 'applications', column: 'person_id', key: ['id'] });

const PAGE_SIZE = 25;

/** Links keep the filters (ids and codes only, never names) and change the page. */
function pageHref(q: QueueQuery, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, page })) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `/applications?${s}` : '/applications';
}

/** Staff pages of applications: the processing queue, an application with its timeline, transitions. */
export function applicationRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(intakeRoutes(services));

    app.get('/applications', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const actor = req.actor;
      const reach = queueReach(actor);
      if (!reach) throw new AppError('forbidden');
      const q = queueQuery.parse(req.query ?? {});
      const filters = { serviceId: q.serviceId, status: q.status, districtId: q.districtId, due: q.due,
        assignee: q.assignee === 'me' ? actor.userId : q.assignee };
      const page = await listQueue({ services, actor, filters, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE, meta: requestMeta(req) });
      const ref = await services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => queueReference(c, actor.hromadaId!));
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      const opt = (rows: { id: string | number; name: string }[]) => rows.map((r) => ({ value: String(r.id), text: r.name }));
      return reply.header('cache-control', 'no-store').page('applications/views/queue.njk', {
        pageTitle: req.t('applications.queue.title'), q,
        items: page.items.map((a) => presentQueueItem(a, page.today, page.calendar, req.t)), total: page.total,
        services: opt(ref.services), districts: reach.districtId === undefined ? opt(ref.districts) : [],
        statuses: STATUSES.map((s) => ({ value: s, text: req.t(`applications.status.${s}`) })),
        assignees: [{ value: 'me', text: req.t('applications.queue.me') }, { value: 'none', text: req.t('applications.unassigned') },
          ...opt(ref.assignees)],
        dues: ['at_risk', 'overdue'].map((d) => ({ value: d, text: req.t(`applications.queue.due.${d}`) })),
        canRegister: can(actor, 'applications.register'),
        pages: pages > 1 ? pageNumbers(q.page, pages).map((n) => (n === null ? null : { n, href: pageHref(q, n), current: n === q.page })) : [],
      });
    });

    app.get('/applications/:id', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      return renderApplication(services, req, reply, applicationId(req));
    });

    // Confirmation pages of the destructive transitions (refusal asks for its legal reason here).
    for (const command of ['refuse', 'withdraw'] as const) {
      app.get(`/applications/:id/${command}`, async (req, reply) => {
        authorize(req.actor, 'applications.read');
        const id = applicationId(req);
        const v = await getApplication({ services, actor: req.actor, id, meta: requestMeta(req) });
        if (!commandsFor(req.actor, req.actor.hromadaId!, v.application).includes(command)) {
          throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
        }
        return renderApplication(services, req, reply, id, { template: 'applications/views/confirm.njk', extra: { command } });
      });
    }

    // Links a registry person to an application filed online by a resident whose identity is not confirmed yet.
    app.post('/applications/:id/person', async (req, reply) => {
      authorize(req.actor, 'applications.process');
      const id = applicationId(req);
      const b = formBody(req.body);
      const version = /^\d+$/.test(b.version ?? '') ? Number(b.version) : undefined;
      if (!b.personId || !UUID.test(b.personId)) {
        return renderApplication(services, req, reply, id, { values: b,
          errors: formErrors([{ field: 'personId', text: req.t('applications.unconfirmed.choose'), href: '#personId' }]) });
      }
      try {
        await linkApplicationPerson({ services, actor: req.actor, id, personId: b.personId, version, meta: requestMeta(req) });
      } catch (err) {
        if (!isAppError(err) || err.code !== 'conflict') throw err;
        return renderApplication(services, req, reply, id, { values: b,
          errors: formErrors([{ field: 'personId', text: req.t(err.messageKey), href: '#personId' }]) });
      }
      return reply.redirect(`/applications/${id}?done=personLinked`, 303);
    });

    app.post('/applications/:id/transition', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const id = applicationId(req);
      const b = formBody(req.body);
      const form = transitionForm.safeParse(b);
      if (!form.success) throw new AppError('bad_request');
      const { command, version } = form.data;
      try {
        await changeStatus({ services, actor: req.actor, id, command, version,
          input: commandInput(b, b.documents ?? '', req.actor.userId), meta: requestMeta(req) });
      } catch (err) {
        const errors = problemsOf(err, req);
        if (!errors) throw err;
        const destructive = command === 'refuse' || command === 'withdraw';
        return renderApplication(services, req, reply, id, { errors, values: b,
          ...(destructive ? { template: 'applications/views/confirm.njk', extra: { command } } : {}) });
      }
      return reply.redirect(`/applications/${id}?done=${command}`, 303);
    });
  };
}
