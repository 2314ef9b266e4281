import type { TFunction } from 'i18next';
import { dateToParts, type FormValues } from '../../platform/forms.js';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime } from '../../platform/i18n.js';
import { AGREEMENT_CHANNELS, ITEM_KINDS, REVIEW_OUTCOMES, VOLUME_UNITS, canSubmit } from './plan-machine.js';
import type { ClosureRequestRow, PlanItemRow, PlanRow, ReviewRow, ServiceOption, StaffOption } from './plan.queries.js';
import type { AgencyOption } from '../assignments/assignments.queries.js';

const PLAN_TAG = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--yellow',
  approved: 'govuk-tag--green',
  returned: 'govuk-tag--red',
} as const;

/** One item as the case page lists it. */
function presentItem(i: PlanItemRow, t: TFunction) {
  return {
    kind: t(`cases.plan.kind.${i.kind}`),
    what: i.kind === 'service' ? (i.service_name ?? '') : (i.text ?? ''),
    note: i.kind === 'service' ? i.text : null,
    provider: i.agency_name,
    term:
      i.starts_on || i.ends_on
        ? t('cases.plan.term', { from: displayDate(i.starts_on) || '…', to: displayDate(i.ends_on) || '…' })
        : null,
    volume:
      i.volume_per_month && i.volume_unit
        ? t('cases.plan.volumeText', {
            n: String(Number(i.volume_per_month)).replace('.', ','),
            unit: t(`cases.plan.unit.${i.volume_unit}`),
          })
        : null,
    responsible: i.responsible_name ?? i.responsible_text ?? t('cases.plan.nobody'),
    due: displayDate(i.due_on) || '—',
    assignment: i.assignment_id
      ? {
          href: `/assignments/${i.assignment_id}`,
          status: t(`assignments.status.${i.assignment_status ?? 'assigned'}`),
          declined: i.assignment_status === 'declined' && !i.application_id,
        }
      : null,
  };
}

/** The plan on the case page: its items, approval state, the person's part, the next review, closure waiting. */
export function presentPlan(
  v: {
    plan: PlanRow | null;
    items: PlanItemRow[];
    reviews: ReviewRow[];
    closure: ClosureRequestRow | null;
  },
  t: TFunction,
  today: string,
) {
  const p = v.plan;
  return {
    exists: p !== null,
    version: p?.version ?? 0,
    status: p ? { code: p.status, text: t(`cases.plan.status.${p.status}`), classes: PLAN_TAG[p.status] } : null,
    items: v.items.map((i) => presentItem(i, t)),
    personWords: p?.person_words ?? null,
    agreement: p?.agreed_on
      ? t('cases.plan.agreedText', {
          date: displayDate(p.agreed_on),
          channel: t(`cases.plan.channel.${p.agreed_channel ?? 'in_person'}`),
        })
      : null,
    returnComment: p?.status === 'returned' ? p.return_comment : null,
    decided: p?.decided_at ? { at: formatDateTime(p.decided_at), by: p.decided_by_name } : null,
    updated: p ? { at: formatDateTime(p.updated_at), by: p.updated_by_name } : null,
    canSubmit: p ? canSubmit(p.status, v.items.length) : false,
    waiting: p?.status === 'submitted',
    review: p?.review_on ? { on: displayDate(p.review_on), overdue: p.review_on < today } : null,
    reviews: v.reviews.map((r) => ({
      on: displayDate(r.reviewed_on),
      outcome: t(`cases.review.outcome.${r.outcome}`),
      note: r.note,
      by: r.author_name,
      next: displayDate(r.next_review_on),
    })),
    outcomes: REVIEW_OUTCOMES.map((o) => ({ value: o, text: t(`cases.review.outcome.${o}`) })),
    closure: v.closure
      ? { at: formatDateTime(v.closure.requested_at), by: v.closure.requested_by_name, reason: v.closure.reason }
      : null,
  };
}

/** How many empty rows the plan form offers for new items. */
export const NEW_ROWS = 3;

/** The plan form's values from a saved plan: the plan's fields and one row per item (`i0-kind` …). */
export function planFormValues(p: PlanRow | null, items: PlanItemRow[]): FormValues {
  const v: FormValues = {
    version: String(p?.version ?? 0),
    personWords: p?.person_words ?? '',
    agreedChannel: p?.agreed_channel ?? '',
    reviewIntervalDays: p?.review_interval_days ? String(p.review_interval_days) : '',
    rows: String(items.length + NEW_ROWS),
    ...dateToParts('agreedOn', p?.agreed_on),
    ...dateToParts('reviewOn', p?.review_on),
  };
  items.forEach((i, n) => {
    Object.assign(v, {
      [`i${n}-id`]: i.id,
      [`i${n}-kind`]: i.kind,
      [`i${n}-text`]: i.text ?? '',
      [`i${n}-serviceId`]: i.service_id ?? '',
      [`i${n}-agencyId`]: i.agency_id === null ? '' : String(i.agency_id),
      [`i${n}-responsibleUserId`]: i.responsible_user_id ?? '',
      [`i${n}-responsibleText`]: i.responsible_text ?? '',
      ...dateToParts(`i${n}-dueOn`, i.due_on),
      ...dateToParts(`i${n}-startsOn`, i.starts_on),
      ...dateToParts(`i${n}-endsOn`, i.ends_on),
      [`i${n}-volumePerMonth`]: i.volume_per_month ? String(Number(i.volume_per_month)).replace('.', ',') : '',
      [`i${n}-volumeUnit`]: i.volume_unit ?? '',
    });
  });
  return v;
}

/** The rows of the plan form: existing items (those from the application with their service fixed) and empty ones. */
export function planFormRows(values: FormValues, items: PlanItemRow[]) {
  const count = Math.min(Math.max(Number(values.rows) || 0, items.length), 60);
  return Array.from({ length: count }, (_, n) => {
    const id = values[`i${n}-id`] ?? '';
    const fixed = items.find((i) => i.id === id && i.application_id);
    return { n, p: `i${n}`, id, fixed: fixed ? { service: fixed.service_name, agency: fixed.agency_name } : null };
  });
}

/** The choices of the plan form. */
export function planFormOptions(
  t: TFunction,
  o: { services: ServiceOption[]; agencies: AgencyOption[]; staff: StaffOption[] },
) {
  return {
    kinds: ITEM_KINDS.map((k) => ({ value: k, text: t(`cases.plan.kind.${k}`) })),
    units: VOLUME_UNITS.map((u) => ({ value: u, text: t(`cases.plan.unitName.${u}`) })),
    channels: AGREEMENT_CHANNELS.map((c) => ({ value: c, text: t(`cases.plan.channel.${c}`) })),
    services: o.services.map((s) => ({ value: s.id, text: s.name })),
    agencies: o.agencies.map((g) => ({ value: String(g.id), text: g.name })),
    staff: o.staff.map((s) => ({ value: s.id, text: s.name })),
  };
}

/** The plan in the API. */
export function planToJson(p: PlanRow | null, items: PlanItemRow[]) {
  if (!p) return null;
  return {
    version: p.version,
    status: p.status,
    personWords: p.person_words,
    agreedOn: p.agreed_on,
    agreedChannel: p.agreed_channel,
    reviewOn: p.review_on,
    reviewIntervalDays: p.review_interval_days,
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      text: i.text,
      serviceId: i.service_id,
      serviceName: i.service_name,
      agencyId: i.agency_id,
      agencyName: i.agency_name,
      startsOn: i.starts_on,
      endsOn: i.ends_on,
      responsibleUserId: i.responsible_user_id,
      responsibleText: i.responsible_text ?? i.responsible_name,
      dueOn: i.due_on,
      volumePerMonth: i.volume_per_month === null ? null : Number(i.volume_per_month),
      volumeUnit: i.volume_unit,
      applicationId: i.application_id,
      assignmentId: i.assignment_id,
    })),
  };
}
