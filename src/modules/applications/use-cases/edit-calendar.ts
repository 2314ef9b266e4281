import type { PoolClient } from 'pg';
import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { loadStoredCalendar, saveStoredCalendar, type StoredCalendar } from '../calendar.queries.js';
import type { DayInput } from '../calendar.schema.js';
import { holidaysOf } from '../working-days.js';

const V = 'applications.calendar.v.';
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/**
 * Changes the hromada's working-day calendar under a lock of the hromada row and audits it.
 * Deadlines computed afterwards use the new calendar; stored deadlines stay as they are.
 */
async function edit(
  o: UseCase,
  action: string,
  fields: string[],
  reason: string,
  change: (cal: StoredCalendar, c: PoolClient) => void | Promise<void>,
): Promise<void> {
  await inTenant(o, 'calendar.manage', async ({ c, hromadaId, audit }) => {
    const cal = await loadStoredCalendar(c, hromadaId, true);
    await change(cal, c);
    await saveStoredCalendar(c, hromadaId, cal);
    await audit({ action, operation: 'admin', entityType: 'hromada', entityId: String(hromadaId), fields, reason });
  });
}

/** Adds a non-working day of the hromada or a transferred working day (a weekend or public holiday worked). */
export function addCalendarDay(o: UseCase<{ day: DayInput }>): Promise<void> {
  const { date, name, kind } = o.day;
  return edit(o, 'calendar.day_add', [kind === 'holiday' ? 'extraHolidays' : 'extraWorkingDays'], date, (cal) => {
    if (cal.extraHolidays.includes(date) || cal.extraWorkingDays.includes(date)) throw problem('date', `${V}duplicate`);
    if (kind === 'holiday' && isWeekend(date)) throw problem('date', `${V}holidayOnWeekend`);
    if (kind === 'working' && !isWeekend(date) && !holidaysOf(Number(date.slice(0, 4))).includes(date)) {
      throw problem('date', `${V}alreadyWorking`);
    }
    (kind === 'holiday' ? cal.extraHolidays : cal.extraWorkingDays).push(date);
    cal.names[date] = name;
  });
}

/** Removes one of the hromada's own days (404 when the calendar has no such day). */
export function removeCalendarDay(o: UseCase<{ date: string }>): Promise<void> {
  return edit(o, 'calendar.day_remove', ['extraHolidays', 'extraWorkingDays'], o.date, (cal) => {
    if (!cal.extraHolidays.includes(o.date) && !cal.extraWorkingDays.includes(o.date)) throw new AppError('not_found');
    cal.extraHolidays = cal.extraHolidays.filter((d) => d !== o.date);
    cal.extraWorkingDays = cal.extraWorkingDays.filter((d) => d !== o.date);
    cal.names = Object.fromEntries(Object.entries(cal.names).filter(([d]) => d !== o.date));
  });
}

/** Martial law on: public holidays are working days (Law №2136-IX); off: they and moved days off apply. */
export function setMartialLaw(o: UseCase<{ martialLaw: boolean }>): Promise<void> {
  return edit(o, 'calendar.martial_law', ['martialLaw'], o.martialLaw ? 'on' : 'off', (cal) => {
    cal.martialLaw = o.martialLaw;
  });
}

/** The calendar for the page (reading needs the same permission as changing). */
export async function getCalendar(o: UseCase): Promise<StoredCalendar> {
  return inTenant(o, 'calendar.manage', ({ c, hromadaId }) => loadStoredCalendar(c, hromadaId));
}
