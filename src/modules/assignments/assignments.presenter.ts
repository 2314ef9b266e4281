import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import type { AssignmentStatus } from './assignment-machine.js';
import { providerCommandsFrom } from './assignment-machine.js';
import type { AssignmentHistoryRow, AssignmentRow } from './assignments.queries.js';
import type { AssignmentJson } from './assignments.schema.js';

const STATUS_CLASS: Record<AssignmentStatus, string> = {
  assigned: 'govuk-tag--blue',
  accepted: 'govuk-tag--light-blue',
  in_progress: 'govuk-tag--turquoise',
  completed: 'govuk-tag--grey',
  declined: 'govuk-tag--red',
};

export const assignmentTag = (s: AssignmentStatus, t: TFunction) => ({
  text: t(`assignments.status.${s}`),
  classes: STATUS_CLASS[s],
});

/** "з 01.02.2026 по 05.02.2026", "з 01.02.2026", or "not started yet". */
export function period(r: Pick<AssignmentRow, 'started_on' | 'completed_on'>, t: TFunction): string {
  if (!r.started_on) return t('assignments.period.notStarted');
  if (!r.completed_on) return t('assignments.period.since', { from: displayDate(r.started_on) });
  return t('assignments.period.range', { from: displayDate(r.started_on), to: displayDate(r.completed_on) });
}

export function presentListItem(r: AssignmentRow, t: TFunction) {
  return {
    id: r.id,
    href: `/assignments/${r.id}`,
    number: r.registration_number ?? (r.case_number ? t('assignments.fromCase', { number: r.case_number }) : '—'),
    person: r.person_name,
    service: r.service_name,
    agency: r.agency_name,
    status: assignmentTag(r.status, t),
    assignedAt: r.assigned_at,
    period: period(r, t),
  };
}

const historyDetails = (h: AssignmentHistoryRow, t: TFunction): string[] => {
  const out: string[] = [];
  if (['assign', 'reassign'].includes(h.event) && h.agency_name)
    out.push(t('assignments.timeline.agency', { name: h.agency_name }));
  if (h.data.automatic === true) out.push(t('assignments.timeline.automatic'));
  if (typeof h.data.reason === 'string') out.push(t('assignments.timeline.reason', { reason: h.data.reason }));
  if (typeof h.data.date === 'string') out.push(t('assignments.timeline.date', { date: displayDate(h.data.date) }));
  return out;
};

export function presentAssignmentHistory(rows: AssignmentHistoryRow[], t: TFunction) {
  return rows.map((h) => ({
    at: h.at,
    actor: h.actor_label,
    event: t(`assignments.event.${h.event}`),
    status: h.from_status !== h.to_status ? assignmentTag(h.to_status, t) : null,
    note: h.note,
    details: historyDetails(h, t),
  }));
}

/** The assignment page (staff and provider): only what the provider needs to deliver the service. */
/** The provider reaches the person while the service is to be delivered; not before assignment, not after. */
export const showsContact = (r: Pick<AssignmentRow, 'status'>) =>
  ['assigned', 'accepted', 'in_progress'].includes(r.status);

export function presentAssignment(r: AssignmentRow, history: AssignmentHistoryRow[], t: TFunction) {
  return {
    ...presentListItem(r, t),
    statusCode: r.status,
    version: r.version,
    applicationId: r.application_id,
    contact: showsContact(r)
      ? {
          address: r.contacts_hidden
            ? t('assignments.view.contactsHidden')
            : (r.delivery_address ?? t('assignments.view.noAddress')),
          phone: r.contacts_hidden
            ? t('assignments.view.contactsHidden')
            : (r.person_phone ?? t('assignments.view.noPhone')),
        }
      : null,
    notes: r.notes,
    declineReason: r.decline_reason,
    completionNote: r.completion_note,
    startedOn: displayDate(r.started_on),
    completedOn: displayDate(r.completed_on),
    history: presentAssignmentHistory(history, t),
    commands: Object.fromEntries(providerCommandsFrom(r.status).map((c) => [c, true])),
  };
}

/** A row of the person card's "services received". */
export const presentReceived = (r: AssignmentRow, t: TFunction) => ({
  href: `/assignments/${r.id}`,
  service: r.service_name,
  agency: r.agency_name,
  period: period(r, t),
  status: assignmentTag(r.status, t),
});

/** A row of the resident's «Отримані послуги»: a declined provider is the office's business, not a status to show. */
export const presentMyService = (r: AssignmentRow, t: TFunction, withPerson: boolean) => ({
  service: r.service_name,
  person: withPerson ? r.person_name : null,
  agency: r.status === 'declined' ? t('assignments.cabinet.choosing') : r.agency_name,
  period: period(r, t),
  status:
    r.status === 'declined'
      ? { text: t('assignments.cabinet.choosingStatus'), classes: 'govuk-tag--yellow' }
      : assignmentTag(r.status, t),
  number: r.registration_number ?? '—',
  href: r.application_id ? `/cabinet/applications/${r.application_id}` : null,
});

export function assignmentJson(r: AssignmentRow, history?: AssignmentHistoryRow[]): AssignmentJson {
  return {
    id: r.id,
    applicationId: r.application_id,
    caseId: r.case_id,
    registrationNumber: r.registration_number,
    personId: r.person_id,
    personName: r.person_name,
    serviceId: r.service_id,
    serviceName: r.service_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    status: r.status,
    declineReason: r.decline_reason,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    notes: r.notes,
    completionNote: r.completion_note,
    assignedAt: r.assigned_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    ...(history
      ? {
          history: history.map((h) => ({
            at: h.at.toISOString(),
            event: h.event,
            from: h.from_status,
            to: h.to_status,
            agency: h.agency_name,
            actor: h.actor_label,
            note: h.note,
          })),
        }
      : {}),
  };
}
