import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize, can } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { idParams } from '../../platform/ids.js';
import { pageHref, paginate } from '../../platform/pagination.js';
import { formValues, oneError, orRerender, parseBody, parseParams } from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { HookRegistry } from '../../platform/modules.js';
import { commandFollowers } from './applications.hooks.js';
import { commandsFor, queueReach } from './applications.policy.js';
import { presentQueueItem } from './applications.presenter.js';
import { linkPersonForm, queueQuery, transitionForm } from './applications.schema.js';
import { REFUSAL_GROUNDS, STATUSES } from './status-machine.js';
import { applicationPage, commandInput, transitionErrors } from './applications.web.js';
import { changeStatus } from './use-cases/change-status.js';
import { getApplication } from './use-cases/get-application.js';
import { listQueue } from './use-cases/list-queue.js';
import { linkApplicationPerson } from './use-cases/link-application-person.js';

const PAGE_SIZE = 25;

/** Staff pages of applications: the processing queue, an application with its timeline, transitions. */
export function applicationRoutes(services: Services, hooks: HookRegistry) {
  const renderApplication = applicationPage(services, hooks);
  const followers = commandFollowers(hooks);
  return function (app: FastifyInstance) {
    app.get('/applications', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const actor = req.actor;
      const reach = queueReach(actor);
      if (!reach) throw new AppError('forbidden');
      const q = queueQuery.parse(req.query ?? {});
      const filters = {
        serviceId: q.serviceId,
        status: q.status,
        districtId: q.districtId,
        due: q.due,
        assignee: q.assignee === 'me' ? actor.userId : q.assignee,
      };
      const page = await listQueue({
        ...useCaseOf(req, services),
        filters,
        limit: PAGE_SIZE,
        offset: (q.page - 1) * PAGE_SIZE,
        reference: true,
      });
      const ref = page.reference ?? { services: [], districts: [], assignees: [] };
      const opt = (rows: { id: string | number; name: string }[]) =>
        rows.map((r) => ({ value: String(r.id), text: r.name }));
      noStore(reply);
      return reply.page('applications/views/queue.njk', {
        pageTitle: req.t('applications.queue.title'),
        q,
        items: page.items.map((a) => presentQueueItem(a, page.today, page.calendar, req.t)),
        total: page.total,
        services: opt(ref.services),
        districts: reach.districtId === undefined ? opt(ref.districts) : [],
        statuses: STATUSES.map((s) => ({ value: s, text: req.t(`applications.status.${s}`) })),
        assignees: [
          { value: 'me', text: req.t('applications.queue.me') },
          { value: 'none', text: req.t('applications.unassigned') },
          ...opt(ref.assignees),
        ],
        dues: ['at_risk', 'overdue'].map((d) => ({ value: d, text: req.t(`applications.queue.due.${d}`) })),
        canRegister: can(actor, 'applications.register'),
        pages: paginate({
          page: q.page,
          pageSize: PAGE_SIZE,
          total: page.total,
          href: (n) => pageHref('/applications', q, n),
        }).items,
      });
    });

    app.get('/applications/:id', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      return renderApplication(req, reply, parseParams(req, idParams).id);
    });

    // Confirmation pages of the destructive transitions (refusal asks for its legal reason here).
    for (const command of ['refuse', 'withdraw'] as const) {
      app.get(`/applications/:id/${command}`, async (req, reply) => {
        authorize(req.actor, 'applications.read');
        const { id } = parseParams(req, idParams);
        const v = await getApplication({ ...useCaseOf(req, services), id });
        if (!commandsFor(req.actor, req.actor.hromadaId, v.application).includes(command)) {
          throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
        }
        return renderApplication(req, reply, id, {
          template: 'applications/views/confirm.njk',
          extra: { command, grounds: REFUSAL_GROUNDS },
        });
      });
    }

    // Links a registry person to an application filed online by a resident whose identity is not confirmed yet.
    app.post('/applications/:id/person', async (req, reply) => {
      authorize(req.actor, 'applications.process');
      const { id } = parseParams(req, idParams);
      const values = formValues(req.body);
      const form = parseBody(req, linkPersonForm);
      if (!form.ok) {
        return renderApplication(req, reply, id, {
          values,
          errors: oneError(req.t, 'personId', 'applications.unconfirmed.choose'),
        });
      }
      try {
        await linkApplicationPerson({
          ...useCaseOf(req, services),
          id,
          personId: form.data.personId,
          version: form.data.version,
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
        return renderApplication(req, reply, id, { values, errors: oneError(req.t, 'personId', err.messageKey) });
      }
      return reply.redirect(`/applications/${id}?done=personLinked`, 303);
    });

    app.post('/applications/:id/transition', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const actor = req.actor;
      const { id } = parseParams(req, idParams);
      const form = parseBody(req, transitionForm);
      if (!form.ok) throw new AppError('bad_request');
      const { command, version } = form.data;
      const values = formValues(req.body);
      const done = await orRerender(
        req,
        () =>
          changeStatus({
            ...useCaseOf(req, services),
            id,
            command,
            version,
            input: commandInput(form.data, actor.userId),
            followers,
          }),
        (_errors, problems) => {
          const destructive = command === 'refuse' || command === 'withdraw';
          return renderApplication(req, reply, id, {
            errors: transitionErrors(req, problems),
            values,
            ...(destructive
              ? { template: 'applications/views/confirm.njk', extra: { command, grounds: REFUSAL_GROUNDS } }
              : {}),
          });
        },
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/applications/${id}?done=${command}`, 303);
    });
    return Promise.resolve();
  };
}
