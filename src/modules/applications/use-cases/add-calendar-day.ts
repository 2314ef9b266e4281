import { problem } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import type { DayInput } from '../calendar.schema.js';
import { editCalendar } from '../calendar.edit.js';
import { holidaysOf } from '../working-days.js';

const V = 'applications.calendar.v.';
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/** Adds a non-working day of the hromada or a transferred working day (a weekend or public holiday worked). */
export function addCalendarDay(o: UseCase<{ day: DayInput }>): Promise<void> {
  const { date, name, kind } = o.day;
  return editCalendar(
    o,
    'calendar.day_add',
    [kind === 'holiday' ? 'extraHolidays' : 'extraWorkingDays'],
    date,
    (cal) => {
      if (cal.extraHolidays.includes(date) || cal.extraWorkingDays.includes(date))
        throw problem('date', `${V}duplicate`);
      if (kind === 'holiday' && isWeekend(date)) throw problem('date', `${V}holidayOnWeekend`);
      if (kind === 'working' && !isWeekend(date) && !holidaysOf(Number(date.slice(0, 4))).includes(date)) {
        throw problem('date', `${V}alreadyWorking`);
      }
      (kind === 'holiday' ? cal.extraHolidays : cal.extraWorkingDays).push(date);
      cal.names[date] = name;
    },
  );
}
