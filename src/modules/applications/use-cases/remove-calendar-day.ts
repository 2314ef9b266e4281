import { AppError } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import { editCalendar } from '../calendar.edit.js';

/** Removes one of the hromada's own days (404 when the calendar has no such day). */
export function removeCalendarDay(o: UseCase<{ date: string }>): Promise<void> {
  return editCalendar(o, 'calendar.day_remove', ['extraHolidays', 'extraWorkingDays'], o.date, (cal) => {
    if (!cal.extraHolidays.includes(o.date) && !cal.extraWorkingDays.includes(o.date)) throw new AppError('not_found');
    cal.extraHolidays = cal.extraHolidays.filter((d) => d !== o.date);
    cal.extraWorkingDays = cal.extraWorkingDays.filter((d) => d !== o.date);
    cal.names = Object.fromEntries(Object.entries(cal.names).filter(([d]) => d !== o.date));
  });
}
