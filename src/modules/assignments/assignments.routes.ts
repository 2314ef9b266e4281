import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { authorize, can } from '../../platform/policy.js';
import { NO_ERRORS, dateFromParts, dateToParts, formBody, formErrors, type FormBody, type FormErrors } from '../persons-web/form.js';
import { pageNumbers } from '../persons-web/persons-web.presenter.js';
import { renderApplication } from '../applications/applications.web.js';
import { kyivToday } from '../applications/working-days.js';
import { ASSIGNMENT_STATUSES, type ProviderCommand } from './assignment-machine.js';
import { presentAssignment, presentListItem } from './assignments.presenter.js';
import { actionForm, assignForm, idParams, listQuery, type ListQuery } from './assignments.schema.js';
import { assignProvider } from './use-cases/assign-provider.js';
import { providerAction } from './use-cases/provider-action.js';
import { getAssignment, listAssignmentsFor } from './use-cases/read-assignments.js';
import { requestMeta } from '../../platform/audit.js';

const PAGE_SIZE = 25;

function idOf(req: FastifyRequest): string {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new AppError('not_found');
  return p.data.id;
}

function pageHref(q: ListQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/assignments?${s}` : '/assignments';
}

/** The date field of each step's form. */
const DATE_FIELD: Partial<Record<ProviderCommand, string>> = { start: 'startedOn', complete: 'completedOn' };

/** A use-case's validation problems as the form's error summary (null for other errors). */
function problemsOf(err: unknown, req: FastifyRequest, command: ProviderCommand | 'assign'): FormErrors | null {
  if (!isAppError(err) || err.code !== 'validation') return null;
  const problems = (err.details as { problems?: { field: string; key: string }[] } | undefined)?.problems ?? [];
  return formErrors(problems.map((p) => {
    if (p.field === 'date') return { field: DATE_FIELD[command as ProviderCommand]!, text: req.t(p.key), href: `#${DATE_FIELD[command as ProviderCommand]}-day` };
    if (p.field === 'note') return { field: `${command}Note`, text: req.t(p.key) };
    return { field: p.field, text: req.t(p.key) };
  }));
}

const DONE = ['accept', 'decline', 'start', 'complete'];

async function renderAssignment(services: Services, req: FastifyRequest, reply: FastifyReply, id: string,
  x: { errors?: FormErrors; values?: FormBody; template?: string } = {}) {
  const v = await getAssignment(services, { actor: req.actor, id, meta: requestMeta(req) });
  const a = presentAssignment(v.row, v.history, req.t);
  const today = kyivToday();
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  const errors = x.errors ?? NO_ERRORS;
  return reply.header('cache-control', 'no-store').page(x.template ?? 'assignments/views/assignment.njk', {
    pageTitle: req.t('assignments.view.title', { service: a.service }), a,
    canDeliver: can(req.actor, 'assignments.deliver', { hromadaId: req.actor!.hromadaId!, agencyIds: [v.row.agency_id], districtId: v.row.district_id }),
    canApplication: can(req.actor, 'applications.read', { hromadaId: req.actor!.hromadaId!, districtId: v.row.district_id }),
    flash: typeof done === 'string' && DONE.includes(done) ? req.t(`assignments.done.${done}`) : null,
    values: x.values ?? { ...dateToParts('startedOn', today), ...dateToParts('completedOn', today) }, ...errors,
  }, errors.errorSummary.length ? 400 : 200);
}

/** Staff pages: the list «Призначені послуги», one assignment with the provider's steps, the manager's choice of provider. */
export function assignmentRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    app.get('/assignments', async (req, reply) => {
      authorize(req.actor, 'assignments.read');
      const q = listQuery.parse(req.query ?? {});
      const page = await listAssignmentsFor(services, { actor: req.actor, status: q.status, limit: PAGE_SIZE,
        offset: (q.page - 1) * PAGE_SIZE, meta: requestMeta(req) });
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      return reply.header('cache-control', 'no-store').page('assignments/views/list.njk', {
        pageTitle: req.t('assignments.list.title'), q, total: page.total,
        items: page.rows.map((r) => presentListItem(r, req.t)),
        statuses: ASSIGNMENT_STATUSES.map((s) => ({ value: s, text: req.t(`assignments.status.${s}`) })),
        pages: pages > 1 ? pageNumbers(q.page, pages).map((n) => (n === null ? null : { n, href: pageHref(q, n), current: n === q.page })) : [],
      });
    });

    app.get('/assignments/:id', async (req, reply) => {
      authorize(req.actor, 'assignments.read');
      return renderAssignment(services, req, reply, idOf(req));
    });

    // Declining is destructive for the provider's part: a confirmation page that asks for the reason.
    app.get('/assignments/:id/decline', async (req, reply) => {
      authorize(req.actor, 'assignments.deliver');
      return renderAssignment(services, req, reply, idOf(req), { template: 'assignments/views/decline.njk', values: {} });
    });

    app.post('/assignments/:id/action', async (req, reply) => {
      authorize(req.actor, 'assignments.deliver');
      const id = idOf(req);
      const b = formBody(req.body);
      const form = actionForm.safeParse(b);
      if (!form.success) throw new AppError('bad_request');
      const { command, version } = form.data;
      const dateField = DATE_FIELD[command];
      try {
        await providerAction({ services, actor: req.actor, id, command, version, meta: requestMeta(req),
          input: { note: b[`${command}Note`], reason: b.reason, date: dateField ? dateFromParts(b, dateField) : undefined } });
      } catch (err) {
        const errors = problemsOf(err, req, command);
        if (!errors) throw err;
        return renderAssignment(services, req, reply, id, { errors, values: b,
          ...(command === 'decline' ? { template: 'assignments/views/decline.njk' } : {}) });
      }
      return reply.redirect(`/assignments/${id}?done=${command}`, 303);
    });

    app.post('/applications/:id/provider', async (req, reply) => {
      authorize(req.actor, 'assignments.assign');
      const id = idOf(req);
      const b = formBody(req.body);
      const f = assignForm.parse(b);
      try {
        await assignProvider({ services, actor: req.actor, applicationId: id, agencyId: f.agencyId === '' ? null : f.agencyId,
          notes: f.providerNotes, version: f.assignmentVersion === '' ? undefined : f.assignmentVersion, meta: requestMeta(req) });
      } catch (err) {
        const errors = problemsOf(err, req, 'assign');
        if (!errors) throw err;
        return renderApplication(services, req, reply, id, { errors, values: b });
      }
      return reply.redirect(`/applications/${id}?done=provider#provider`, 303);
    });
  };
}
