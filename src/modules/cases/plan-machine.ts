/**
 * The individual plan of a case (Law «Про соціальні послуги» art. 20–22; decision 0019), pure: its items and
 * their rules, the approval states, the agreement channels and the review outcomes. The use-cases load and store.
 */
import { isIsoDate } from '../../platform/dates.js';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ITEM_KINDS = ['goal', 'action', 'service'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** How the person saw and agreed to the plan. */
export const AGREEMENT_CHANNELS = ['in_person', 'phone', 'online', 'paper'] as const;
export type AgreementChannel = (typeof AGREEMENT_CHANNELS)[number];

export const REVIEW_OUTCOMES = ['continue', 'change_plan', 'close'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** How many items a plan holds at most (a page form, an API body). */
export const MAX_ITEMS = 50;

/** One item as a worker enters it (an `id` when it is already in the plan). */
export interface PlanItemInput {
  id?: string;
  kind: ItemKind;
  text?: string;
  serviceId?: string;
  agencyId?: number;
  startsOn?: string;
  endsOn?: string;
  responsibleUserId?: string;
  responsibleText?: string;
  dueOn?: string;
  /** A service's monthly volume and its unit (decision 0026): both or neither. */
  volumePerMonth?: number;
  volumeUnit?: VolumeUnit;
}

/** The unit a service's monthly volume is counted in: hours, visits or days. */
export const VOLUME_UNITS = ['hour', 'visit', 'day'] as const;
export type VolumeUnit = (typeof VOLUME_UNITS)[number];

/** The plan as saved: the version the worker saw (0: there was none yet), the person's part, the review, the items. */
export interface PlanInput {
  version: number;
  personWords?: string;
  agreedOn?: string;
  agreedChannel?: AgreementChannel;
  reviewOn?: string;
  reviewIntervalDays?: number;
  items: PlanItemInput[];
}

export interface PlanProblem {
  field: string;
  key: string;
}

const V = 'cases.plan.v.';

/** The field of item `n` in problems: `items.0.dueOn` (the page maps it onto its own inputs). */
export const itemField = (n: number, f: keyof PlanItemInput) => `items.${n}.${f}`;

/**
 * What is wrong with a plan before the database is asked: dates well-formed, no deadline or start before the case
 * opened, a term that ends after it starts, a goal or action with its text, a service with its catalogue entry,
 * one responsible (a staff user or a name, not both), the agreement with both its date (not in the future, not
 * before the opening) and its channel, the review not in the past.
 */
export function planProblems(p: PlanInput, openedOn: string, today: string): PlanProblem[] {
  const out: PlanProblem[] = [];
  const date = (field: string, v: string | undefined, notBefore: string | null, key = 'beforeOpen') => {
    if (v === undefined) return;
    if (!isIsoDate(v)) out.push({ field, key: `${V}date` });
    else if (notBefore && v < notBefore) out.push({ field, key: `${V}${key}` });
  };
  if (p.items.length > MAX_ITEMS) out.push({ field: 'items', key: `${V}tooMany` });
  p.items.forEach((i, n) => {
    const f = (x: keyof PlanItemInput) => itemField(n, x);
    if (i.kind === 'service') {
      if (!i.serviceId) out.push({ field: f('serviceId'), key: `${V}service` });
    } else {
      if (!i.text?.trim()) out.push({ field: f('text'), key: `${V}text` });
      if (i.serviceId || i.agencyId !== undefined || i.startsOn || i.endsOn)
        out.push({ field: f('serviceId'), key: `${V}notService` });
      if (i.volumePerMonth !== undefined || i.volumeUnit !== undefined)
        out.push({ field: f('volumePerMonth'), key: `${V}volumeService` });
    }
    if (i.kind === 'service' && (i.volumePerMonth === undefined) !== (i.volumeUnit === undefined))
      out.push(
        i.volumeUnit === undefined
          ? { field: f('volumeUnit'), key: `${V}volumeUnit` }
          : { field: f('volumePerMonth'), key: `${V}volume` },
      );
    if (i.volumePerMonth !== undefined && !(i.volumePerMonth > 0 && i.volumePerMonth < 1000000))
      out.push({ field: f('volumePerMonth'), key: `${V}volume` });
    if ((i.text ?? '').length > 2000) out.push({ field: f('text'), key: `${V}long` });
    if (i.responsibleUserId && i.responsibleText) out.push({ field: f('responsibleText'), key: `${V}twoResponsible` });
    if ((i.responsibleText ?? '').length > 200) out.push({ field: f('responsibleText'), key: `${V}long` });
    date(f('dueOn'), i.dueOn, openedOn);
    date(f('startsOn'), i.startsOn, openedOn);
    date(f('endsOn'), i.endsOn, i.startsOn && isIsoDate(i.startsOn) ? i.startsOn : openedOn, 'endsBeforeStart');
  });
  if ((p.personWords ?? '').length > 4000) out.push({ field: 'personWords', key: `${V}long` });
  if (p.agreedOn !== undefined || p.agreedChannel !== undefined) {
    if (!p.agreedChannel) out.push({ field: 'agreedChannel', key: `${V}channel` });
    if (p.agreedOn === undefined) out.push({ field: 'agreedOn', key: `${V}agreedOn` });
    else if (isIsoDate(p.agreedOn) && p.agreedOn > today) out.push({ field: 'agreedOn', key: `${V}future` });
    else date('agreedOn', p.agreedOn, openedOn);
  }
  date('reviewOn', p.reviewOn, today, 'reviewPast');
  return out;
}

/** The status of a plan after a saved change: an approved or submitted plan needs the supervisor again. */
export const statusAfterSave = (s: PlanStatus | null): PlanStatus => (s === 'returned' ? 'returned' : 'draft');

/** A plan may be submitted when it has an item and is not already waiting or approved. */
export const canSubmit = (s: PlanStatus | null, items: number) => items > 0 && (s === 'draft' || s === 'returned');
