import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import {
  dateFromParts,
  dateToParts,
  formErrors,
  formValues,
  many,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { AppError } from '../../platform/errors.js';
import { noStore } from '../../platform/http.js';
import { kyivToday } from '../../platform/dates.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { AGENCY_KINDS } from './cases.queries.js';
import { caseParams } from './cases.schema.js';
import { presentMyTask } from './team.presenter.js';
import {
  MEETING_TASK_ROWS,
  meetingForm,
  memberForm,
  memberKind,
  memberParams,
  taskDoneForm,
  taskParams,
  tasksQuery,
} from './team.schema.js';
import { getCaseTeam } from './use-cases/get-case-team.js';
import { addTeamMember } from './use-cases/add-team-member.js';
import { removeTeamMember } from './use-cases/remove-team-member.js';
import { recordMeeting } from './use-cases/record-meeting.js';
import { completeTask } from './use-cases/complete-task.js';
import { listMyTasks, TASKS_PAGE_SIZE } from './use-cases/list-my-tasks.js';

const MEMBER_ORDER = ['kind', 'userId', 'supervisor', 'contactName', 'contactOrg', 'contactPhone', 'contactEmail'];
const ROWS = Array.from({ length: MEETING_TASK_ROWS }, (_, i) => i + 1);
const MEETING_ORDER = [
  'heldOn',
  'participants',
  'decisions',
  ...ROWS.flatMap((n) => [`task${n}Title`, `task${n}Assignee`, `task${n}Due`]),
];

/** The case's multidisciplinary team: add and remove members, record a meeting with its tasks, tasks done, my tasks. */
export function teamRoutes(services: Services) {
  async function renderMember(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    errors = NO_ERRORS,
  ) {
    const f = await getCaseTeam({ ...useCaseOf(req, services), id });
    noStore(reply);
    return reply.page(
      'cases/views/member-new.njk',
      {
        pageTitle: req.t('cases.team.addTitle'),
        caseId: f.row.id,
        number: f.row.number,
        candidates: f.candidates.map((u) => ({ value: u.id, text: u.name })),
        agencyKinds: AGENCY_KINDS.map((a) => ({ value: a, text: req.t(`cases.agencyKind.${a}`) })),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderMeeting(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    participants: string[],
    errors = NO_ERRORS,
  ) {
    const f = await getCaseTeam({ ...useCaseOf(req, services), id });
    const chosen = new Set(participants);
    noStore(reply);
    return reply.page(
      'cases/views/meeting-new.njk',
      {
        pageTitle: req.t('cases.meeting.addTitle'),
        caseId: f.row.id,
        number: f.row.number,
        participants: f.team.map((m) => ({
          value: m.id,
          text: m.name,
          hint: { text: m.case_role ?? req.t(`cases.teamRole.${m.role}`) },
          checked: chosen.has(m.id),
        })),
        assignees: f.team.map((m) => ({ value: m.id, text: m.name })),
        taskRows: ROWS,
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cases/:id/team/new', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      return renderMember(req, reply, parseParams(req, caseParams).id, {});
    });

    app.post('/cases/:id/team', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const values = formValues(req.body);
      const fail = (errors: FormErrors) => renderMember(req, reply, id, values, errors);
      const kind = parseWith(memberKind, values);
      if (!kind.ok) return fail(formErrors(req.t, kind.problems, { order: MEMBER_ORDER }));
      const form = parseWith(memberForm, values);
      if (!form.ok) return fail(formErrors(req.t, form.problems, { order: MEMBER_ORDER }));
      const done = await orRerender(
        req,
        () => addTeamMember({ ...useCaseOf(req, services), id, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${id}?done=memberAdded#team`, 303) : done.reply;
    });

    app.get('/cases/:id/team/:memberId/remove', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id, memberId } = parseParams(req, memberParams);
      const f = await getCaseTeam({ ...useCaseOf(req, services), id });
      const member = f.team.find((m) => m.id === memberId && m.role !== 'manager');
      if (!member) throw new AppError('not_found');
      noStore(reply);
      return reply.page('cases/views/member-remove.njk', {
        pageTitle: req.t('cases.team.removeTitle', { name: member.name }),
        caseId: f.row.id,
        number: f.row.number,
        member: { id: member.id, name: member.name },
      });
    });

    app.post('/cases/:id/team/:memberId/remove', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id, memberId } = parseParams(req, memberParams);
      await removeTeamMember({ ...useCaseOf(req, services), id, memberId });
      return reply.redirect(`/cases/${id}?done=memberRemoved#team`, 303);
    });

    app.get('/cases/:id/meetings/new', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      return renderMeeting(req, reply, parseParams(req, caseParams).id, dateToParts('heldOn', kyivToday()), []);
    });

    app.post('/cases/:id/meetings', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = formValues(body);
      const participants = many(body.participants);
      const fail = (errors: FormErrors) => renderMeeting(req, reply, id, values, participants, errors);
      const form = parseWith(
        meetingForm,
        {
          heldOn: dateFromParts(values, 'heldOn'),
          participants,
          decisions: values.decisions,
          tasks: ROWS.map((n) => ({
            title: values[`task${n}Title`],
            assigneeId: values[`task${n}Assignee`],
            dueOn: dateFromParts(values, `task${n}Due`),
          })),
        },
        (f) => (f === 'heldOn' ? '#heldOn-day' : undefined),
      );
      if (!form.ok) return fail(formErrors(req.t, form.problems, { order: MEETING_ORDER }));
      const done = await orRerender(
        req,
        () => recordMeeting({ ...useCaseOf(req, services), id, input: form.data }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${id}?done=meetingRecorded#meetings`, 303) : done.reply;
    });

    app.post('/cases/:id/tasks/:taskId/done', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id, taskId } = parseParams(req, taskParams);
      const form = parseWith(taskDoneForm, formValues(req.body));
      await completeTask({ ...useCaseOf(req, services), id, taskId, note: form.ok ? form.data.note : undefined });
      return reply.redirect(`/cases/${id}?done=taskDone#tasks`, 303);
    });

    app.get('/tasks', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      const q = parseQuery(req, tasksQuery);
      const page = (q.ok ? q.data.page : undefined) ?? 1;
      const r = await listMyTasks({ ...useCaseOf(req, services), page });
      const today = kyivToday();
      noStore(reply);
      return reply.page('cases/views/tasks.njk', {
        pageTitle: req.t('cases.task.myTitle'),
        tasks: r.rows.map((k) => presentMyTask(k, today)),
        total: r.total,
        pagination: paginate({
          page,
          pageSize: TASKS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/tasks', {}, n),
        }),
      });
    });
    return Promise.resolve();
  };
}
