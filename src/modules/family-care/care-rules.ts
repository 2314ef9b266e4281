/**
 * The rules of family forms of care (decision 0024), as configurable defaults where the law leaves a choice:
 * - a foster family (прийомна сім'я) brings up one to four children (Сімейний кодекс, ст. 256-1);
 * - a family-type children's home (ДБСТ) five to ten (ст. 256-5);
 * - a patronat family takes up to three children at a time, each for three months, extendable to six (ст. 253);
 * - a guardian's household has no legal limit here: up to ten, as the form records it;
 * - a candidate is approved only after the training and a positive assessment; a child is placed only in an
 *   approved family, up to its capacity, and a person of 18 or more is not placed;
 * - visits and yearly reviews of each placement fall due by the hromada's intervals (defaults below).
 */
import { addDays, daysBetween } from '../../platform/dates.js';

export const CARE_FORMS = ['foster', 'family_home', 'patronat', 'guardian'] as const;
export type CareForm = (typeof CARE_FORMS)[number];
export const CARE_STAGES = ['candidate', 'active', 'refused', 'closed'] as const;
export type CareStage = (typeof CARE_STAGES)[number];
export const ASSESSMENTS = ['positive', 'negative'] as const;
export const DECISIONS = ['approved', 'refused'] as const;
export const END_REASONS = [
  'family_return',
  'adoption',
  'guardianship',
  'other_family',
  'institution',
  'adult',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];
export const VISIT_KINDS = ['visit', 'review'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const REVIEW_CONCLUSIONS = ['continue', 'support', 'end'] as const;

/** How many children a family of the form may bring up at once (its capacity is chosen within this). */
export const CAPACITY: Record<CareForm, { min: number; max: number }> = {
  foster: { min: 1, max: 4 },
  family_home: { min: 5, max: 10 },
  patronat: { min: 1, max: 3 },
  guardian: { min: 1, max: 10 },
};

/** A patronat placement's term in months, and the longest it may be extended to. */
export const PATRONAT_TERM_MONTHS = 3;
export const PATRONAT_MAX_MONTHS = 6;
/** The age from which a person is not placed. */
export const ADULT_AGE = 18;

/** The hromada's intervals in days: a visit to a placed child (patronat: its own), a yearly review. */
export interface CareIntervals {
  visitDays: number;
  patronatVisitDays: number;
  reviewDays: number;
}
export const DEFAULT_INTERVALS: CareIntervals = { visitDays: 90, patronatVisitDays: 30, reviewDays: 365 };

/** ISO date plus whole months, the day clamped to the month's last (31.01 + 1 month = 28/29.02). */
export function addMonths(iso: string, months: number): string {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Full years of age on a day. */
export function ageOn(birth: string, on: string): number {
  const [by = 0, bm = 0, bd = 0] = birth.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Why a capacity does not fit the form (an i18n key of family-care.v), or null. */
export function capacityProblem(form: CareForm, capacity: number): string | null {
  const { min, max } = CAPACITY[form];
  return capacity < min || capacity > max ? 'capacity' : null;
}

/** What a candidate family lacks for an approval: the training, a positive assessment (keys of family-care.v). */
export function approvalProblems(f: {
  trained_on: string | null;
  assessment: string | null;
}): ('approveUntrained' | 'approveNotAssessed')[] {
  const out: ('approveUntrained' | 'approveNotAssessed')[] = [];
  if (!f.trained_on) out.push('approveUntrained');
  if (f.assessment !== 'positive') out.push('approveNotAssessed');
  return out;
}

/** The end of a patronat placement's first term; other forms have none. */
export const firstTerm = (form: CareForm, placedOn: string): string | null =>
  form === 'patronat' ? addMonths(placedOn, PATRONAT_TERM_MONTHS) : null;

/** The latest day a patronat placement may be extended to. */
export const longestTerm = (placedOn: string): string => addMonths(placedOn, PATRONAT_MAX_MONTHS);

/** When the next visit and review of a current placement fall due, and whether they (or a patronat term) are overdue. */
export interface PlacementDue {
  visitDue: string;
  reviewDue: string;
  visitOverdue: boolean;
  reviewOverdue: boolean;
  termOverdue: boolean;
  /** Days until the visit is due (negative: overdue by). */
  visitInDays: number;
}

export function placementDue(
  p: {
    form: CareForm;
    placed_on: string;
    until_on: string | null;
    last_visit: string | null;
    last_review: string | null;
  },
  intervals: CareIntervals,
  today: string,
): PlacementDue {
  const every = p.form === 'patronat' ? intervals.patronatVisitDays : intervals.visitDays;
  const visitDue = addDays(p.last_visit ?? p.placed_on, every);
  const reviewDue = addDays(p.last_review ?? p.placed_on, intervals.reviewDays);
  return {
    visitDue,
    reviewDue,
    visitOverdue: visitDue < today,
    reviewOverdue: reviewDue < today,
    termOverdue: p.until_on !== null && p.until_on < today,
    visitInDays: daysBetween(today, visitDue),
  };
}
