import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import type { ApplicationRow, DocumentRequestRow, HistoryRow } from './applications.queries.js';
import type { ApplicationJson } from './applications.schema.js';
import type { Status } from './status-machine.js';
import { deadlineState, workingDaysBetween, type WorkCalendar } from './working-days.js';

const STATUS_CLASS: Record<Status, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--light-blue',
  registered: 'govuk-tag--blue',
  in_review: 'govuk-tag--purple',
  needs_documents: 'govuk-tag--orange',
  granted: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  in_delivery: 'govuk-tag--turquoise',
  completed: 'govuk-tag--grey',
  withdrawn: 'govuk-tag--grey',
};

export const statusTag = (s: Status, t: TFunction) => ({
  text: t(`applications.status.${s}`),
  classes: STATUS_CLASS[s],
});

export interface DeadlineView {
  date: string;
  state: 'ok' | 'at_risk' | 'overdue' | 'paused' | 'none';
  text: string;
  tag: string | null;
}

/** The deadline with its state in words (colour is only an addition): overdue, at risk, paused, on time. */
export function presentDeadline(a: ApplicationRow, today: string, cal: WorkCalendar, t: TFunction): DeadlineView {
  const date = displayDate(a.deadline);
  if (!a.deadline) return { date: '—', state: 'none', text: '', tag: null };
  if (a.status === 'needs_documents') {
    return {
      date,
      state: 'paused',
      text: t('applications.deadline.paused', { since: displayDate(a.paused_since) }),
      tag: 'govuk-tag--grey',
    };
  }
  if (!['submitted', 'registered', 'in_review'].includes(a.status)) return { date, state: 'none', text: '', tag: null };
  const state = deadlineState(a.deadline, today, cal);
  if (state === 'overdue') {
    return {
      date,
      state,
      text: t('applications.deadline.overdue', { count: workingDaysBetween(a.deadline, today, cal) }),
      tag: 'govuk-tag--red',
    };
  }
  const left = workingDaysBetween(today, a.deadline, cal);
  return {
    date,
    state,
    text: t(state === 'at_risk' ? 'applications.deadline.atRisk' : 'applications.deadline.left', { count: left }),
    tag: state === 'at_risk' ? 'govuk-tag--yellow' : null,
  };
}

export function presentQueueItem(a: ApplicationRow, today: string, cal: WorkCalendar, t: TFunction) {
  return {
    id: a.id,
    href: `/applications/${a.id}`,
    number: a.registration_number ?? t('applications.noNumber'),
    person: a.person_name,
    service: a.service_name,
    status: statusTag(a.status, t),
    deadline: presentDeadline(a, today, cal, t),
    district: a.district_name ?? '—',
    assignee: a.assignee_name ?? t('applications.unassigned'),
    /** «Особу не підтверджено»: filed online without a registry link, the person is not linked yet. */
    unconfirmed: a.person_id === null,
    /** «Виїзний прийом»: taken on an outreach trip (its title and day). */
    outreach: a.outreach_trip_id
      ? {
          tripId: a.outreach_trip_id,
          text: t('applications.outreach', {
            trip: a.outreach_trip_title ?? '',
            date: displayDate(a.outreach_trip_date),
          }),
        }
      : null,
  };
}

const historyDetails = (h: HistoryRow, t: TFunction): string[] => {
  const d = h.data;
  const out: string[] = [];
  if (typeof d.registrationNumber === 'string')
    out.push(t('applications.timeline.number', { number: d.registrationNumber }));
  if (Array.isArray(d.documents)) out.push(t('applications.timeline.documents', { list: d.documents.join('; ') }));
  if (typeof d.dueOn === 'string') out.push(t('applications.timeline.dueOn', { date: displayDate(d.dueOn) }));
  // «Продовжено на 0 днів» is never said: documents that came back within the same working day do not move the deadline.
  if (typeof d.pausedDays === 'number') {
    out.push(
      d.pausedDays > 0
        ? t('applications.timeline.paused', { count: d.pausedDays })
        : t('applications.timeline.notExtended'),
    );
  }
  if (typeof d.deadline === 'string') out.push(t('applications.timeline.deadline', { date: displayDate(d.deadline) }));
  if (typeof d.reason === 'string') out.push(t('applications.timeline.reason', { reason: d.reason }));
  if (typeof d.ground === 'string')
    out.push(t('applications.timeline.ground', { ground: t(`applications.ground.${d.ground}`) }));
  if (h.event === 'assign') {
    out.push(
      typeof d.assignee === 'string' && d.assignee
        ? t('applications.timeline.assignee', { name: d.assignee })
        : t('applications.timeline.unassigned'),
    );
  }
  if (typeof d.channel === 'string')
    out.push(t('applications.timeline.channel', { channel: t(`applications.channel.${d.channel}`) }));
  return out;
};

export function presentHistory(rows: HistoryRow[], t: TFunction) {
  return rows.map((h) => ({
    at: h.at,
    actor: h.actor_label,
    event: t(`applications.event.${h.event}`),
    status: h.from_status !== h.to_status ? statusTag(h.to_status, t) : null,
    note: h.note,
    details: historyDetails(h, t),
  }));
}

export function presentRequests(rows: DocumentRequestRow[]) {
  return rows.map((r) => ({
    documents: r.documents,
    dueOn: displayDate(r.due_on),
    requestedAt: r.requested_at,
    fulfilledAt: r.fulfilled_at,
  }));
}

export function presentApplication(a: ApplicationRow, today: string, cal: WorkCalendar, t: TFunction) {
  return {
    ...presentQueueItem(a, today, cal, t),
    personId: a.person_id,
    version: a.version,
    statusCode: a.status,
    channel: t(`applications.channel.${a.channel}`),
    registeredOn: displayDate(a.registered_on),
    processingDays: a.processing_days,
    pausedDays: a.paused_days,
    decision: a.decision,
    refusalReason: a.refusal_reason,
    assigneeId: a.assignee_id,
  };
}

export function applicationJson(a: ApplicationRow, history?: HistoryRow[]): ApplicationJson {
  return {
    id: a.id,
    registrationNumber: a.registration_number,
    status: a.status,
    deadline: a.deadline,
    personId: a.person_id,
    serviceId: a.service_id,
    channel: a.channel,
    history: (history ?? []).map((h) => ({
      at: h.at.toISOString(),
      event: h.event,
      from: h.from_status,
      to: h.to_status,
      actor: h.actor_label,
      note: h.note,
    })),
  };
}
