import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime } from '../../platform/i18n.js';
import { triageClock, type SignalStatus, type TriageClock, type Urgency } from './signal-rules.js';
import type { SignalEventRow, SignalRow, VisitRow } from './signals.queries.js';
import type { SignalJson } from './signals.schema.js';

const STATUS_TAG: Record<SignalStatus, string> = {
  new: 'govuk-tag--blue',
  in_triage: 'govuk-tag--yellow',
  closed: 'govuk-tag--grey',
};
const URGENCY_TAG: Record<Urgency, string> = {
  urgent: 'govuk-tag--red',
  high: 'govuk-tag--orange',
  normal: 'govuk-tag--grey',
};

/** «2 д 3 год» or «5 год 10 хв». */
function duration(k: TriageClock, t: TFunction): string {
  return k.days > 0
    ? t('signals.duration.days', { days: k.days, hours: k.hours })
    : t('signals.duration.hours', { hours: k.hours, minutes: k.minutes });
}

/** The clock of an open signal in words (time left or overdue by); the outcome of a closed one. */
function clockText(s: SignalRow, now: Date, t: TFunction): string {
  const k = triageClock(s.triage_due_at, now, s.status === 'closed');
  if (!k) return s.outcome ? t(`signals.outcome.${s.outcome}`) : '';
  return t(k.overdue || s.overdue ? 'signals.clock.overdue' : 'signals.clock.left', { time: duration(k, t) });
}

/** Who the signal is about, in a line: the name, and a child's mark or the age. */
function subjectText(s: SignalRow, t: TFunction): string {
  const extra = [
    s.subject_child ? t('signals.child') : null,
    s.subject_age !== null ? t('signals.age', { age: s.subject_age }) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return extra ? `${s.subject} (${extra})` : s.subject;
}

/** A signal as the list shows it, its clock seen at `now`. */
export function presentSignalItem(s: SignalRow, t: TFunction, now: Date) {
  return {
    id: s.id,
    href: `/signals/${s.id}`,
    number: s.number,
    subject: subjectText(s, t),
    source: t(`signals.source.${s.source}`),
    urgency: { text: t(`signals.urgency.${s.urgency}`), classes: URGENCY_TAG[s.urgency] },
    status: { text: t(`signals.status.${s.status}`), classes: STATUS_TAG[s.status] },
    received: formatDateTime(s.received_at),
    due: formatDateTime(s.triage_due_at),
    overdue: s.overdue,
    clock: clockText(s, now, t),
  };
}

function eventText(e: SignalEventRow, t: TFunction): string {
  const data = Object.fromEntries(Object.entries(e.data).map(([k, v]) => [k, String(v)]));
  if (e.event === 'registered')
    return t('signals.event.registered', { urgency: t(`signals.urgency.${data.urgency ?? ''}`) });
  if (e.event === 'visit') return t('signals.event.visit', { on: displayDate(data.on) });
  return t(`signals.event.${e.event}`, data);
}

/** The signal page: the signal, its clock, the brigade's visits, its history, and the case opened from it. */
export function presentSignal(
  v: { row: SignalRow; events: SignalEventRow[]; visits: VisitRow[]; kase: { id: string; number: string } | null },
  t: TFunction,
  now: Date,
) {
  const s = v.row;
  return {
    ...presentSignalItem(s, t, now),
    sourceDetail: s.source_detail,
    personHref: s.person_id ? `/persons/${s.person_id}` : null,
    personId: s.person_id,
    place: s.place,
    observed: s.observed,
    reporter: s.anonymous
      ? t('signals.anonymous')
      : [s.reporter_name, s.reporter_contact].filter(Boolean).join(', ') || t('signals.reporterUnknown'),
    isClosed: s.status === 'closed',
    isNew: s.status === 'new',
    outcome: s.outcome ? t(`signals.outcome.${s.outcome}`) : null,
    outcomeReason: s.outcome_reason,
    agency: s.agency_name,
    closedAt: formatDateTime(s.closed_at),
    kase: v.kase && { href: `/cases/${v.kase.id}`, number: v.kase.number },
    visits: v.visits.map((x) => ({ on: displayDate(x.visited_on), members: x.members, findings: x.findings })),
    events: v.events.map((e) => ({
      at: formatDateTime(e.at),
      who: e.actor_label,
      text: eventText(e, t),
      note: e.note,
    })),
  };
}

/** A signal in the API. */
export function signalToJson(s: SignalRow, visits: VisitRow[], caseId: string | null): SignalJson {
  return {
    id: s.id,
    number: s.number,
    source: s.source,
    sourceDetail: s.source_detail,
    personId: s.person_id,
    subject: s.subject,
    subjectAge: s.subject_age,
    subjectChild: s.subject_child,
    place: s.place,
    observed: s.observed,
    urgency: s.urgency,
    receivedAt: s.received_at.toISOString(),
    triageDueAt: s.triage_due_at.toISOString(),
    overdue: s.overdue,
    anonymous: s.anonymous,
    reporter: s.anonymous ? null : { name: s.reporter_name, contact: s.reporter_contact },
    status: s.status,
    outcome: s.outcome,
    outcomeReason: s.outcome_reason,
    agency: s.agency_id !== null ? { id: s.agency_id, name: s.agency_name ?? '' } : null,
    caseId,
    visits: visits.map((x) => ({ visitedOn: x.visited_on, members: x.members, findings: x.findings })),
  };
}
