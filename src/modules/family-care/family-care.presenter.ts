import type { TFunction } from 'i18next';
import { displayDate, kyivToday } from '../../platform/dates.js';
import { placementDue, type CareForm, type CareIntervals, type CareStage } from './care-rules.js';
import type { CareCounts, CareFamilyRow, CareListRow, CareVisitRow, PlacementRow } from './family-care.queries.js';

const STAGE_TAG: Record<CareStage, string> = {
  candidate: 'govuk-tag--blue',
  active: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  closed: 'govuk-tag--grey',
};

const tag = (t: TFunction, stage: CareStage) => ({ text: t(`care.stage.${stage}`), classes: STAGE_TAG[stage] });

/** A family in the list: the carer, the form, the stage, children placed of the capacity, overdue placements. */
export function presentCareItem(f: CareListRow, t: TFunction) {
  return {
    href: `/family-care/${f.household_id}`,
    carer: f.head_name || t('care.noHead'),
    form: t(`care.form.${f.form}`),
    stage: tag(t, f.stage),
    placed: t('care.placedOf', { placed: f.placed, capacity: f.capacity }),
    overdue: f.overdue,
  };
}

/** The family's record: who, which form, the candidates' path step by step, the decision, the closure. */
export function presentCareFamily(f: CareFamilyRow, t: TFunction) {
  return {
    id: f.household_id,
    carer: f.head_name || t('care.noHead'),
    carerHref: f.head_person_id ? `/persons/${f.head_person_id}` : null,
    householdHref: `/households/${f.household_id}`,
    form: f.form,
    formText: t(`care.form.${f.form}`),
    stage: f.stage,
    stageTag: tag(t, f.stage),
    capacity: f.capacity,
    placed: f.placed,
    room: Math.max(f.capacity - f.placed, 0),
    note: f.note,
    registered: displayDate(f.registered_on),
    training: f.trained_on
      ? t('care.trainingDone', {
          course: f.training_course,
          hours: f.training_hours,
          date: displayDate(f.trained_on),
          certificate: f.certificate ? t('care.certificate', { number: f.certificate }) : '',
        })
      : null,
    assessment: f.assessed_on
      ? {
          text: t(`care.assessment.${f.assessment ?? 'positive'}`),
          date: displayDate(f.assessed_on),
          note: f.assessment_note,
        }
      : null,
    decision: f.decided_on
      ? {
          text: t(`care.decided.${f.decision ?? 'approved'}`),
          date: displayDate(f.decided_on),
          number: f.decision_number,
          body: f.decision_body,
        }
      : null,
    closed: f.closed_on ? { date: displayDate(f.closed_on), reason: f.close_reason } : null,
  };
}

/** A placement with its visits and reviews, and when the next ones fall due (seen `today`). */
export function presentPlacement(
  p: PlacementRow,
  visits: CareVisitRow[],
  intervals: CareIntervals,
  t: TFunction,
  o: { canReadCases: boolean; today?: string },
) {
  const today = o.today ?? kyivToday();
  const due = p.ended_on ? null : placementDue(p, intervals, today);
  return {
    id: p.id,
    child: p.child_name,
    childHref: `/persons/${p.child_id}`,
    birth: displayDate(p.child_birth_date),
    caseNumber: p.case_number,
    caseHref: o.canReadCases ? `/cases/${p.case_id}` : null,
    placed: displayDate(p.placed_on),
    basis: p.basis,
    until: displayDate(p.until_on),
    untilIso: p.until_on,
    extendedReason: p.extended_reason,
    isPatronat: p.form === 'patronat',
    current: !p.ended_on,
    ended: p.ended_on
      ? { date: displayDate(p.ended_on), reason: t(`care.endReason.${p.end_reason ?? 'other'}`), note: p.end_note }
      : null,
    due: due && {
      visit: displayDate(due.visitDue),
      review: displayDate(due.reviewDue),
      visitOverdue: due.visitOverdue,
      reviewOverdue: due.reviewOverdue,
      termOverdue: due.termOverdue,
    },
    visits: visits
      .filter((v) => v.placement_id === p.id)
      .map((v) => ({
        kind: t(`care.visitKind.${v.kind}`),
        on: displayDate(v.held_on),
        findings: v.findings,
        conclusion: v.conclusion ? t(`care.conclusion.${v.conclusion}`) : null,
        author: v.author,
      })),
  };
}

/** The counts for the plans as table rows: one per form, then the totals. */
export function presentCounts(k: CareCounts, t: TFunction) {
  const forms = Object.keys(k.byForm) as CareForm[];
  const rows = forms.map((form) => ({ form: t(`care.form.${form}`), ...k.byForm[form] }));
  const sum = (key: 'active' | 'children' | 'approved' | 'placements') => rows.reduce((n, r) => n + r[key], 0);
  return {
    rows,
    total: {
      active: sum('active'),
      children: sum('children'),
      approved: sum('approved'),
      placements: sum('placements'),
    },
    trained: k.trained,
    candidates: k.candidates,
  };
}
