import { ValidationError, type Problem } from '../../../platform/errors.js';
import { isIsoDate, kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, caseTeam, touchCase } from '../cases.queries.js';
import { insertMeeting, insertTask } from '../team.queries.js';

export interface MeetingInput {
  heldOn: string;
  participants: string[];
  decisions: string;
  /** The task rows of the form, in order (`task1…`); an empty row is skipped. */
  tasks: { title?: string; assigneeId?: string; dueOn?: string }[];
}

/**
 * Records a team meeting: when (not in the future, not before the case opened), who of the team took part,
 * what was decided, and the tasks it set — each to a member of the team, due on or after the meeting. Any
 * problem refuses the whole meeting (nothing partial). In the timeline; audited.
 */
export async function recordMeeting(o: UseCase<{ id: string; input: MeetingInput }>): Promise<string> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const m = o.input;
    const problems: Problem[] = [];
    if (m.heldOn > kyivToday()) problems.push({ field: 'heldOn', key: 'cases.v.heldFuture', href: '#heldOn-day' });
    else if (m.heldOn < row.opened_on)
      problems.push({ field: 'heldOn', key: 'cases.v.heldBeforeOpen', href: '#heldOn-day' });
    const team = new Set((await caseTeam(c, hromadaId, row.id)).map((t) => t.id));
    if (!m.participants.every((p) => team.has(p)))
      problems.push({ field: 'participants', key: 'cases.v.participants', href: '#participants' });
    const tasks: { title: string; assigneeId: string; dueOn: string }[] = [];
    m.tasks.forEach((t, i) => {
      const n = i + 1;
      if (!t.title && !t.assigneeId && !t.dueOn) return;
      const before = problems.length;
      if (!t.title) problems.push({ field: `task${n}Title`, key: 'cases.v.taskTitle' });
      else if (t.title.length > 500) problems.push({ field: `task${n}Title`, key: 'cases.v.taskTitleLong' });
      if (!t.assigneeId || !team.has(t.assigneeId))
        problems.push({ field: `task${n}Assignee`, key: 'cases.v.taskAssignee' });
      if (!t.dueOn || !isIsoDate(t.dueOn))
        problems.push({ field: `task${n}Due`, key: 'cases.v.taskDue', href: `#task${n}Due-day` });
      else if (t.dueOn < m.heldOn)
        problems.push({ field: `task${n}Due`, key: 'cases.v.taskDueBeforeMeeting', href: `#task${n}Due-day` });
      if (problems.length === before && t.title && t.assigneeId && t.dueOn)
        tasks.push({ title: t.title, assigneeId: t.assigneeId, dueOn: t.dueOn });
    });
    if (problems.length) throw new ValidationError(problems);
    const id = await insertMeeting(c, {
      hromadaId,
      caseId: row.id,
      heldOn: m.heldOn,
      decisions: m.decisions,
      participants: m.participants,
      by: actor,
    });
    for (const t of tasks) await insertTask(c, { hromadaId, caseId: row.id, meetingId: id, ...t, by: actor.userId });
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'meeting',
      data: { on: m.heldOn, count: tasks.length },
    });
    await audit({
      action: 'case.meeting',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['meetings', 'tasks'],
    });
    return id;
  });
}
