import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import type { TeamRow } from './cases.queries.js';
import type { MeetingRow, MyTaskRow, TaskRow } from './team.queries.js';

/** A team member as the case page shows them: name, what they do in the case, their agency and contacts. */
export function presentMember(m: TeamRow, t: TFunction) {
  return {
    id: m.id,
    name: m.name,
    access: t(`cases.teamRole.${m.role}`),
    caseRole: m.case_role,
    agency: t(`cases.agencyKind.${m.agency_kind}`),
    org: m.contact_org,
    contacts: [m.contact_phone, m.contact_email].filter(Boolean).join(', '),
    external: m.user_id === null,
    removable: m.role !== 'manager',
  };
}

export function presentMeeting(m: MeetingRow) {
  return { on: displayDate(m.held_on), decisions: m.decisions, participants: m.participants.join(', ') };
}

/** A task with its due date; an open one past due stands out. */
export function presentTask(k: TaskRow, today: string) {
  return {
    id: k.id,
    title: k.title,
    assignee: k.assignee_name,
    due: displayDate(k.due_on),
    overdue: !k.done_on && k.due_on < today,
    done: displayDate(k.done_on),
    doneNote: k.done_note,
  };
}

export const presentMyTask = (k: MyTaskRow, today: string) => ({
  ...presentTask(k, today),
  caseHref: `/cases/${k.case_id}#tasks`,
  caseNumber: k.case_number,
});
