/** Calendar-date helpers of the identity validators: the platform's one date module (ISO `YYYY-MM-DD`, UTC arithmetic). */
import { displayDate } from '../../../platform/dates.js';

export { addDays, daysBetween, isCalendarDate, isIsoDate, todayIso, toIso } from '../../../platform/dates.js';

/** The sex encoded in Ukrainian identity numbers and documents. */
export type Sex = 'male' | 'female';

/** `YYYY-MM-DD` → `дд.мм.рррр`, the form Ukrainian staff read and type. */
export const toDisplayDate = (iso: string): string => displayDate(iso);
