import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { can } from '../../platform/policy.js';
import { formErrors, NO_ERRORS, dateFromParts, displayDate, type FormBody, type FormErrors } from '../persons-web/form.js';
import { assignees } from './applications.queries.js';
import { canAssign, commandsFor } from './applications.policy.js';
import { presentApplication, presentHistory, presentRequests } from './applications.presenter.js';
import { idParams } from './applications.schema.js';
import { TRANSITIONS, type CommandInput, type InputProblem } from './status-machine.js';
import { getApplication } from './use-cases/get-application.js';
import { kyivToday } from './working-days.js';
import { staffConversationView } from '../messages/messages.web.js';
import { getApplicantContact } from '../residents/use-cases/get-applicant-contact.js';
import { applicationSection } from '../assignments/assignments.sections.js';
import { requestMeta } from '../../platform/audit.js';
import { applicantPanel } from './use-cases/link-person.js';


export function applicationId(req: FastifyRequest): string {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new AppError('not_found');
  return p.data.id;
}

/** The transition form's fields → the command's input (documents one per line; due date from three boxes). */
export function commandInput(b: FormBody, rawDocuments: string, userId: string): CommandInput & { assigneeId?: string | null } {
  return {
    note: b.note || undefined,
    reason: b.reason,
    documents: rawDocuments.split(/\r?\n/).map((d) => d.trim()).filter(Boolean),
    dueOn: dateFromParts(b, 'dueOn'),
    assigneeId: b.assigneeId === 'me' ? userId : b.assigneeId || null,
  };
}

const HREF: Record<InputProblem['field'] | 'assigneeId', string> = {
  documents: '#documents', dueOn: '#dueOn-day', reason: '#reason', note: '#note', assigneeId: '#assigneeId',
};

/** A use-case's validation problems as the form's error summary (null when the error is another kind). */
export function problemsOf(err: unknown, req: FastifyRequest): FormErrors | null {
  if (!isAppError(err) || err.code !== 'validation') return null;
  const problems = ((err.details as { problems?: InputProblem[] } | undefined)?.problems ?? []);
  if (!problems.length) return formErrors([{ field: 'form', text: req.t(err.messageKey), href: '#main-content' }]);
  return formErrors(problems.map((p) => ({ field: p.field, text: req.t(p.key), href: HREF[p.field] })));
}

const DONE = ['created', 'assign', 'submit', 'register', 'startReview', 'requestDocuments', 'documentsReceived', 'grant',
  'refuse', 'startDelivery', 'complete', 'withdraw', 'provider', 'personLinked', 'personCreated'];

/** The application page: summary, deadline, requests for documents, timeline and the actor's forms. */
export async function renderApplication(services: Services, req: FastifyRequest, reply: FastifyReply, id: string,
  x: { errors?: FormErrors; values?: FormBody; template?: string; extra?: Record<string, unknown> } = {}) {
  const actor = req.actor!;
  const v = await getApplication({ services, actor, id, meta: requestMeta(req) });
  const hromadaId = actor.hromadaId!;
  const today = kyivToday();
  const commands = commandsFor(actor, hromadaId, v.application);
  const assignable = canAssign(actor, hromadaId, v.application);
  // The page's other sections read independently (each in its own transaction, each audited): at once.
  const [people, applicantContact, serviceAssignment, conversation, unconfirmed] = await Promise.all([
    assignable ? services.db.tx({ hromadaId, userId: actor.userId }, (c) => assignees(c, hromadaId)) : [],
    getApplicantContact({ services, actor, applicationId: id, t: req.t, meta: requestMeta(req) }),
    applicationSection(services, req, v.application),
    x.template ? null : staffConversationView(services, req, id),
    v.application.person_id === null ? applicantPanel({ services, actor, id, meta: requestMeta(req) }) : null,
  ]);
  const done = (req.query as Record<string, unknown> | undefined)?.done;
  const errors = x.errors ?? NO_ERRORS;
  return reply.header('cache-control', 'no-store').page(x.template ?? 'applications/views/application.njk', {
    pageTitle: req.t('applications.view.title', { number: v.application.registration_number ?? req.t('applications.noNumber') }),
    app: presentApplication(v.application, today, v.calendar, req.t),
    history: presentHistory(v.history, req.t), requests: presentRequests(v.requests),
    commands: Object.fromEntries(commands.map((c) => [c, true])),
    simpleCommands: commands.filter((c) => !TRANSITIONS[c].destructive && !['requestDocuments', 'grant'].includes(c)),
    canAssign: assignable, assignees: people.map((p) => ({ value: p.id, text: p.name })),
    canPerson: v.application.person_id !== null && can(actor, 'registry.read', { hromadaId, districtId: v.application.district_id }),
    unconfirmed: unconfirmed && { ...unconfirmed, birthDate: displayDate(unconfirmed.birthDate),
      candidates: unconfirmed.candidates.map((c) => ({ ...c, birthDate: displayDate(c.birthDate),
        match: req.t(`applications.unconfirmed.match.${c.match}`) })) },
    canLink: can(actor, 'applications.process', { hromadaId, districtId: v.application.district_id }),
    canAddPerson: can(actor, 'registry.write'),
    applicantContact, serviceAssignment,
    flash: typeof done === 'string' && DONE.includes(done) ? req.t(`applications.done.${done}`) : null,
    conversation,
    values: x.values ?? {}, ...errors, ...x.extra,
  }, errors.errorSummary.length ? 400 : 200);
}
