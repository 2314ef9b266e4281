import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { delivered, volumeFlag, WEEKDAYS, type VolumeUnit } from './act-rules.js';
import type { ActRow, ScheduleRow, VolumeRow } from './service-acts.queries.js';
import type { z } from 'zod';
import type { actJson } from './service-acts.schema.js';

/** A number in Ukrainian: a decimal comma, at most two decimals (12,5; 3). */
export const decimal = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

export function actJsonOf(a: ActRow): z.input<typeof actJson> {
  return {
    id: a.id,
    assignmentId: a.assignment_id,
    personId: a.person_id,
    service: a.service_name,
    agencyId: a.agency_id,
    agency: a.agency_name,
    workerId: a.worker_id,
    worker: a.worker_name,
    date: a.act_date,
    startsAt: a.starts_at,
    minutes: a.minutes,
    place: a.place,
    confirmedBy: a.confirmed_by,
    confirmReason: a.confirm_reason,
    signature: a.has_signature,
    cancelled: a.cancelled_at !== null,
    cancelReason: a.cancel_reason,
  };
}

/** One act as a row of the month's table. */
export function presentAct(a: ActRow, t: TFunction) {
  return {
    id: a.id,
    date: displayDate(a.act_date),
    time: a.starts_at ?? '',
    person: a.person_name,
    service: a.service_name,
    worker: a.worker_name,
    minutes: a.minutes,
    place: t(`acts.place.${a.place}`),
    confirmation:
      a.confirmed_by === 'recipient'
        ? t('acts.confirmedBy.recipient')
        : `${t('acts.confirmedBy.worker')}: ${a.confirm_reason ?? ''}`,
    hasSignature: a.has_signature,
    cancelled: a.cancelled_at !== null,
    cancelReason: a.cancel_reason,
  };
}

/** A promised volume against the delivered one, in the promise's unit, with the flag. */
function against(row: VolumeRow, volume: string | null, unit: VolumeUnit | null, t: TFunction) {
  if (volume === null || unit === null) return null;
  const promised = Number(volume);
  const done = delivered(unit, row);
  const flag = volumeFlag(done, promised);
  return {
    text: t('acts.volume.of', { done: decimal(done), promised: decimal(promised), unit: t(`acts.unit.${unit}`) }),
    flag,
    tag: flag === 'under' ? 'govuk-tag--red' : flag === 'over' ? 'govuk-tag--orange' : 'govuk-tag--green',
    flagText: flag ? t(`acts.volume.${flag}`) : '',
  };
}

/** A recipient's month against the plan and the contract; `flagged` when under or over either. */
export function presentVolume(v: VolumeRow, t: TFunction) {
  const plan = against(v, v.plan_volume, v.plan_unit, t);
  const contract = against(v, v.contract_volume, v.contract_unit, t);
  return {
    assignmentId: v.assignment_id,
    person: v.person_name,
    service: v.service_name,
    delivered: t('acts.volume.delivered', { hours: decimal(v.minutes / 60), visits: v.visits, days: v.days }),
    plan,
    contract,
    flagged: [plan?.flag, contract?.flag].some((f) => f === 'under' || f === 'over'),
  };
}

/** Weekdays in words: «пн, ср, пт». */
export const weekdaysText = (days: number[], t: TFunction) => days.map((d) => t(`acts.weekday.${d}`)).join(', ');

export const weekdayItems = (t: TFunction, checked: string[] = []) =>
  WEEKDAYS.map((d) => ({ value: String(d), text: t(`acts.weekdayLong.${d}`), checked: checked.includes(String(d)) }));

/** The address of a visit (or that it is hidden), one line. */
export function addressText(v: ScheduleRow, t: TFunction): string {
  if (v.address_hidden) return t('acts.addressHidden');
  const parts = [v.settlement, v.street, v.house, v.apartment ? t('acts.apartment', { n: v.apartment }) : null];
  const s = parts.filter(Boolean).join(', ');
  return s || t('acts.noAddress');
}

export function presentSchedule(v: ScheduleRow, t: TFunction) {
  return {
    id: v.id,
    person: v.person_name,
    service: v.service_name,
    worker: v.worker_name,
    workerId: v.worker_id,
    weekdays: weekdaysText(v.weekdays, t),
    time: v.starts_at ?? t('acts.anyTime'),
    minutes: v.minutes,
    place: t(`acts.place.${v.place}`),
    address: addressText(v, t),
  };
}
