import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, type Problem } from '../../platform/errors.js';
import { authorize, can, type TenantActor } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { idParams } from '../../platform/ids.js';
import { kyivToday } from '../../platform/dates.js';
import { pageHref, paginate } from '../../platform/pagination.js';
import {
  dateToParts,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { HookRegistry } from '../../platform/modules.js';
import { applicationPage } from '../applications/applications.web.js';
import { ASSIGNMENT_STATUSES, type ProviderCommand } from './assignment-machine.js';
import { presentAssignment, presentListItem } from './assignments.presenter.js';
import { actionForm, assignForm, doneQuery, listQuery } from './assignments.schema.js';
import { assignProvider } from './use-cases/assign-provider.js';
import { providerAction } from './use-cases/provider-action.js';
import { getAssignment } from './use-cases/get-assignment.js';
import { listAssignments } from './use-cases/list-assignments.js';

const PAGE_SIZE = 25;

/** The date field of each step's form. */
const DATE_FIELD: Partial<Record<ProviderCommand, string>> = { start: 'startedOn', complete: 'completedOn' };

/** A use-case's problems as the form's fields: the step's date input and its own note box. */
function stepErrors(req: FastifyRequest, problems: Problem[], command: ProviderCommand | 'assign'): FormErrors {
  const dateField = command === 'assign' ? undefined : DATE_FIELD[command];
  return formErrors(
    req.t,
    problems.map((p) => {
      if (p.field === 'date' && dateField) return { ...p, field: dateField, href: `#${dateField}-day` };
      if (p.field === 'note') return { ...p, field: `${command}Note` };
      return p;
    }),
  );
}

const DONE = ['accept', 'decline', 'start', 'complete'];

async function renderAssignment(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  actor: TenantActor,
  id: string,
  x: { errors?: FormErrors; values?: FormValues; template?: string } = {},
) {
  const v = await getAssignment({ ...useCaseOf(req, services), id });
  const a = presentAssignment(v.row, v.history, req.t);
  const today = kyivToday();
  const q = parseQuery(req, doneQuery);
  const done = q.ok ? q.data.done : undefined;
  const errors = x.errors ?? NO_ERRORS;
  const hromadaId = actor.hromadaId;
  noStore(reply);
  return reply.page(
    x.template ?? 'assignments/views/assignment.njk',
    {
      pageTitle: req.t('assignments.view.title', { service: a.service }),
      a,
      canDeliver: can(actor, 'assignments.deliver', {
        hromadaId,
        agencyIds: [v.row.agency_id],
        districtId: v.row.district_id,
      }),
      canApplication: can(actor, 'applications.read', { hromadaId, districtId: v.row.district_id }),
      flash: typeof done === 'string' && DONE.includes(done) ? req.t(`assignments.done.${done}`) : null,
      values: x.values ?? { ...dateToParts('startedOn', today), ...dateToParts('completedOn', today) },
      ...errors,
    },
    errors.errorSummary.length ? 400 : 200,
  );
}

/** Staff pages: the list «Призначені послуги», one assignment with the provider's steps, the manager's choice of provider. */
export function assignmentRoutes(services: Services, hooks: HookRegistry) {
  const renderApplication = applicationPage(services, hooks);
  return function (app: FastifyInstance) {
    app.get('/assignments', async (req, reply) => {
      authorize(req.actor, 'assignments.read');
      const q = listQuery.parse(req.query ?? {});
      const page = await listAssignments({
        ...useCaseOf(req, services),
        status: q.status,
        limit: PAGE_SIZE,
        offset: (q.page - 1) * PAGE_SIZE,
      });
      noStore(reply);
      return reply.page('assignments/views/list.njk', {
        pageTitle: req.t('assignments.list.title'),
        q,
        total: page.total,
        items: page.rows.map((r) => presentListItem(r, req.t)),
        statuses: ASSIGNMENT_STATUSES.map((s) => ({ value: s, text: req.t(`assignments.status.${s}`) })),
        pages: paginate({
          page: q.page,
          pageSize: PAGE_SIZE,
          total: page.total,
          href: (n) => pageHref('/assignments', q, n),
        }).items,
      });
    });

    app.get('/assignments/:id', async (req, reply) => {
      authorize(req.actor, 'assignments.read');
      return renderAssignment(services, req, reply, req.actor, parseParams(req, idParams).id);
    });

    // Declining is destructive for the provider's part: a confirmation page that asks for the reason.
    app.get('/assignments/:id/decline', async (req, reply) => {
      authorize(req.actor, 'assignments.deliver');
      return renderAssignment(services, req, reply, req.actor, parseParams(req, idParams).id, {
        template: 'assignments/views/decline.njk',
        values: {},
      });
    });

    app.post('/assignments/:id/action', async (req, reply) => {
      authorize(req.actor, 'assignments.deliver');
      const actor = req.actor;
      const { id } = parseParams(req, idParams);
      const form = parseBody(req, actionForm);
      if (!form.ok) throw new AppError('bad_request');
      const { command, version, input } = form.data;
      const values = formValues(req.body);
      const done = await orRerender(
        req,
        () => providerAction({ ...useCaseOf(req, services), id, command, version, input }),
        (_e, problems) =>
          renderAssignment(services, req, reply, actor, id, {
            errors: stepErrors(req, problems, command),
            values,
            ...(command === 'decline' ? { template: 'assignments/views/decline.njk' } : {}),
          }),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/assignments/${id}?done=${command}`, 303);
    });

    app.post('/applications/:id/provider', async (req, reply) => {
      authorize(req.actor, 'assignments.assign');
      const { id } = parseParams(req, idParams);
      const f = assignForm.parse(req.body);
      const done = await orRerender(
        req,
        () =>
          assignProvider({
            ...useCaseOf(req, services),
            applicationId: id,
            agencyId: f.agencyId === '' ? null : f.agencyId,
            notes: f.providerNotes,
            version: f.assignmentVersion === '' ? undefined : f.assignmentVersion,
          }),
        (_e, problems) =>
          renderApplication(req, reply, id, {
            errors: stepErrors(req, problems, 'assign'),
            values: formValues(req.body),
          }),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/applications/${id}?done=provider#provider`, 303);
    });
    return Promise.resolve();
  };
}
