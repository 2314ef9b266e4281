import type { TFunction } from 'i18next';
import { addDays, displayDate } from '../../platform/dates.js';
import { formatPhone } from '../residents/profile/phone.js';
import type { AppointmentRow, OfficeRow } from './appointments.queries.js';
import type { Slot } from './slots.js';
import { videoLink } from './booking.js';

const weekdayName = (locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'long', timeZone: 'UTC' });

/** `понеділок, 07.12.2026` */
export function dayLabel(date: string, locale: string): string {
  return `${weekdayName(locale).format(new Date(`${date}T00:00:00Z`))}, ${displayDate(date)}`;
}

/** `07.12.2026 о 09:30` */
export const whenLabel = (t: TFunction, start: string) =>
  t('appointments.when', { date: displayDate(start.slice(0, 10)), time: start.slice(11, 16) });

/**
 * The slot picker's days: every day of the week shown, its free times as radios (value = the start), how many are
 * full, and a day without times said so.
 */
export function slotDays(t: TFunction, locale: string, from: string, slots: Slot[], checked: string | undefined) {
  return Array.from({ length: 7 }, (_, i) => addDays(from, i)).map((date) => {
    const mine = slots.filter((s) => s.start.startsWith(date));
    return {
      date,
      label: dayLabel(date, locale),
      slots: mine
        .filter((s) => s.free > 0)
        .map((s) => ({
          value: s.start,
          text: s.start.slice(11, 16),
          hint: s.seats > 1 ? t('appointments.freeSeats', { count: s.free }) : '',
          checked: s.start === checked,
        })),
      full: mine.filter((s) => s.free === 0).length,
    };
  });
}

/** The week navigation of a picker: the previous week (not before today) and the next. */
export function weekNav(from: string, today: string) {
  const prev = addDays(from, -7);
  return { prev: from > today ? (prev < today ? today : prev) : null, next: addDays(from, 7) };
}

export const officeLabel = (t: TFunction, o: Pick<OfficeRow, 'name' | 'kind' | 'address'>) =>
  `${o.name} — ${t(`appointments.kind.${o.kind}`)}${o.address ? `, ${o.address}` : ''}`;

/** A visit as the staff's lists and pages show it. */
export function presentAppointment(t: TFunction, a: AppointmentRow) {
  return {
    id: a.id,
    href: `/appointments/${a.id}`,
    dayHref: `/appointments?date=${a.start.slice(0, 10)}&officeId=${a.office_id}`,
    when: whenLabel(t, a.start),
    time: `${a.start.slice(11, 16)}–${a.end.slice(11, 16)}`,
    office: a.office_name,
    address: a.office_address,
    service: a.service_name,
    who: a.contact_name ?? t('appointments.registryPerson'),
    phone: formatPhone(a.contact_phone),
    email: a.contact_email,
    note: a.note,
    seat: a.seat,
    status: a.status,
    statusText: t(`appointments.status.${a.status}`),
    channelText: t(`appointments.channel.${a.channel}`),
    personHref: a.person_id ? `/persons/${a.person_id}` : null,
    remote: a.office_kind === 'remote',
    video: videoLink(a),
    interpreter: a.interpreter_seat !== null,
    outcomeNote: a.outcome_note,
  };
}
