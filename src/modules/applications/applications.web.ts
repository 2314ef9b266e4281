import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { noStore } from '../../platform/http.js';
import { can } from '../../platform/policy.js';
import { displayDate, kyivToday } from '../../platform/dates.js';
import {
  formErrors,
  NO_ERRORS,
  parseQuery,
  type FormErrors,
  type FormValues,
  type Problem,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { HookRegistry } from '../../platform/modules.js';
import { getApplicantContact } from './use-cases/get-applicant-contact.js';
import { presentApplication, presentHistory, presentRequests } from './applications.presenter.js';
import { COMMANDS, TRANSITIONS, type CommandInput } from './status-machine.js';
import { doneQuery, type TransitionForm } from './applications.schema.js';
import { readApplicationPage } from './use-cases/read-application-page.js';

/** The transition form → the command's input (documents one per line; `me` is the acting user). */
export function commandInput(f: TransitionForm, userId: string): CommandInput & { assigneeId?: string | null } {
  return {
    note: f.note,
    reason: f.reason,
    ground: f.ground,
    documents: f.documents
      .split(/\r?\n/)
      .map((d) => d.trim())
      .filter(Boolean),
    dueOn: f.dueOn,
    assigneeId: f.assigneeId === 'me' ? userId : f.assigneeId || null,
  };
}

/** Where each field's line of the error summary links (the due date: its day box). */
const HREF: Record<string, string> = { dueOn: '#dueOn-day' };

/** A use-case's problems with the transition form as the page's error summary and field messages. */
export const transitionErrors = (req: FastifyRequest, problems: Problem[]): FormErrors =>
  formErrors(
    req.t,
    problems.map((p) => (HREF[p.field] ? { ...p, href: HREF[p.field] } : p)),
  );

/** The «done» flashes the application page knows: its own steps, every status command, the links made to it. */
const DONE = ['created', 'assign', ...COMMANDS, 'provider', 'personLinked', 'personCreated'];

export interface ApplicationPageState {
  errors?: FormErrors;
  values?: FormValues;
  template?: string;
  extra?: Record<string, unknown>;
}

export type RenderApplication = (
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  x?: ApplicationPageState,
) => Promise<FastifyReply>;

/**
 * The application page: summary, deadline, requests for documents, timeline, the actor's forms and
 * the sections other modules add (`applicationSections`), read in one transaction.
 */
export function applicationPage(services: Services, hooks: HookRegistry): RenderApplication {
  const sections = hooks.all('applicationSections');
  return async (req, reply, id, x = {}) => {
    const o = useCaseOf(req, services);
    const [page, applicantContact] = await Promise.all([
      readApplicationPage({ ...o, id, sections, confirm: x.template !== undefined, t: req.t }),
      getApplicantContact({ ...o, applicationId: id, t: req.t }),
    ]);
    const { application, history, requests, calendar } = page.view;
    const commands = page.commands;
    const unconfirmed = page.unconfirmed;
    const q = parseQuery(req, doneQuery);
    const done = q.ok ? q.data.done : undefined;
    const errors = x.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      x.template ?? 'applications/views/application.njk',
      {
        pageTitle: req.t('applications.view.title', {
          number: application.registration_number ?? req.t('applications.noNumber'),
        }),
        app: presentApplication(application, kyivToday(), calendar, req.t),
        history: presentHistory(history, req.t),
        requests: presentRequests(requests),
        commands: Object.fromEntries(commands.map((c) => [c, true])),
        simpleCommands: commands.filter(
          (c) => !TRANSITIONS[c].destructive && !['requestDocuments', 'grant'].includes(c),
        ),
        canAssign: page.canAssign,
        assignees: page.assignees.map((p) => ({ value: p.id, text: p.name })),
        canPerson: page.canPerson,
        unconfirmed: unconfirmed && {
          ...unconfirmed,
          birthDate: displayDate(unconfirmed.birthDate),
          candidates: unconfirmed.candidates.map((c) => ({
            ...c,
            birthDate: displayDate(c.birthDate),
            match: req.t(`applications.unconfirmed.match.${c.match}`),
          })),
        },
        canLink: page.canLink,
        canAddPerson: can(req.actor, 'registry.write'),
        applicantContact,
        ...page.sections,
        flash: typeof done === 'string' && DONE.includes(done) ? req.t(`applications.done.${done}`) : null,
        values: x.values ?? {},
        ...errors,
        ...x.extra,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  };
}
