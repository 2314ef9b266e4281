import type { UseCase } from '../../../platform/use-case.js';
import { editCalendar } from '../calendar.edit.js';

/** Martial law on: public holidays are working days (Law №2136-IX); off: they and moved days off apply. */
export function setMartialLaw(o: UseCase<{ martialLaw: boolean }>): Promise<void> {
  return editCalendar(o, 'calendar.martial_law', ['martialLaw'], o.martialLaw ? 'on' : 'off', (cal) => {
    cal.martialLaw = o.martialLaw;
  });
}
