/**
 * Working-day arithmetic for deadlines (pure; dates are ISO `YYYY-MM-DD` strings, no time zones).
 *
 * Under martial law (Law №2136-IX art. 6 part 6) holidays are ordinary working days and no days
 * are moved: only Saturdays and Sundays are non-working. Without martial law the holidays of
 * KZpP art. 73 apply, and a holiday falling on a weekend moves the day off to the next working
 * day (art. 67 part 3). A hromada may add its own non-working days (`extraHolidays`) or make a
 * day working (`extraWorkingDays`, e.g. a Cabinet transfer); both override the computed rules.
 */
import { addDays, isIsoDate } from '../../platform/dates.js';

// The one date module's functions, re-exported for the modules and tests that import them from here.
export { addDays, isIsoDate, kyivToday } from '../../platform/dates.js';

export interface WorkCalendar {
  martialLaw: boolean;
  extraHolidays: string[];
  extraWorkingDays: string[];
}

export const DEFAULT_CALENDAR: WorkCalendar = { martialLaw: true, extraHolidays: [], extraWorkingDays: [] };

const DAY_MS = 86_400_000;

const toUtc = (iso: string): number => {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.parse(`${iso}T00:00:00Z`);
};

const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const weekday = (iso: string): number => new Date(toUtc(iso)).getUTCDay();
const isWeekend = (iso: string): boolean => [0, 6].includes(weekday(iso));

/**
 * Orthodox Easter (Gregorian date): the Julian-calendar date by Meeus' algorithm plus 13 days
 * (the calendar difference for 1900–2099).
 */
export function orthodoxEaster(year: number): string {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const julian = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDays(julian, 13);
}

/** Trinity (Трійця): the 50th day of Easter, Easter + 49 days. */
export const trinity = (year: number): string => addDays(orthodoxEaster(year), 49);

/** Fixed holidays: the list in force since 2023 (new calendar) and the one before it. */
const FIXED_SINCE_2023 = ['01-01', '03-08', '05-01', '05-08', '06-28', '07-15', '08-24', '10-01', '12-25'];
const FIXED_BEFORE_2023 = ['01-01', '01-07', '03-08', '05-01', '05-09', '06-28', '08-24', '10-14', '12-25'];

/** The public holidays (KZpP art. 73) of a year, sorted. */
export function holidaysOf(year: number): string[] {
  const fixed = (year >= 2023 ? FIXED_SINCE_2023 : FIXED_BEFORE_2023).map((md) => `${year}-${md}`);
  return [...fixed, orthodoxEaster(year), trinity(year)].sort();
}

/** Holidays plus days off moved from holidays that fell on a weekend (not under martial law). */
function daysOffOf(year: number): Set<string> {
  const holidays = holidaysOf(year);
  const off = new Set(holidays);
  for (const h of holidays) {
    if (!isWeekend(h)) continue;
    let d = addDays(h, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    off.add(d);
  }
  return off;
}

const cache = new Map<number, Set<string>>();
function daysOff(year: number): Set<string> {
  let s = cache.get(year);
  if (!s) {
    // A holiday at the end of December can move a day off into January.
    s = new Set([...daysOffOf(year), ...[...daysOffOf(year - 1)].filter((d) => d.startsWith(`${year}-`))]);
    cache.set(year, s);
  }
  return s;
}

export function isWorkingDay(iso: string, cal: WorkCalendar = DEFAULT_CALENDAR): boolean {
  if (cal.extraWorkingDays.includes(iso)) return true;
  if (cal.extraHolidays.includes(iso)) return false;
  if (isWeekend(iso)) return false;
  if (cal.martialLaw) return true;
  return !daysOff(Number(iso.slice(0, 4))).has(iso);
}

/**
 * True when offices are closed on `iso` for a reason other than the week's rhythm: a public holiday (or its moved day
 * off) outside martial law, or the hromada's own day off — unless the hromada made the day a working one. Which
 * weekdays an office opens, Saturdays included, is its own schedule (appointments).
 */
export function isHoliday(iso: string, cal: WorkCalendar = DEFAULT_CALENDAR): boolean {
  if (cal.extraWorkingDays.includes(iso)) return false;
  if (cal.extraHolidays.includes(iso)) return true;
  if (cal.martialLaw) return false;
  return daysOff(Number(iso.slice(0, 4))).has(iso);
}

/** The first working day on or after `iso` (a deadline ending on a day off moves to it). */
export function nextWorkingDay(iso: string, cal: WorkCalendar = DEFAULT_CALENDAR): string {
  let d = iso;
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/**
 * The n-th working day after `start` (the start day itself does not count). With n = 0,
 * `start` when it is a working day, else the next working day.
 */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar = DEFAULT_CALENDAR): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (n === 0) return nextWorkingDay(start, cal);
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left -= 1;
  }
  return d;
}

/**
 * Working days d with from < d ≤ to (negative when `to` is before `from`), so that
 * `workingDaysBetween(s, addWorkingDays(s, n)) === n` for n ≥ 1.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar = DEFAULT_CALENDAR): number {
  if (to < from) {
    const n = workingDaysBetween(to, from, cal);
    return n === 0 ? 0 : -n; // never -0
  }
  const end = toUtc(to);
  // Under martial law with no local exceptions only weekends are off: count them on day numbers
  // (the queue shows "N working days overdue" for every row — no string work per day).
  const plain = cal.martialLaw && cal.extraHolidays.length === 0 && cal.extraWorkingDays.length === 0;
  let count = 0;
  for (let ms = toUtc(from) + DAY_MS; ms <= end; ms += DAY_MS) {
    if (plain) {
      const wd = ((((Math.floor(ms / DAY_MS) % 7) + 7) % 7) + 4) % 7; // 1970-01-01 was a Thursday
      if (wd !== 0 && wd !== 6) count += 1;
    } else if (isWorkingDay(fromUtc(ms), cal)) count += 1;
  }
  return count;
}

/** A period in `needs_documents`: from the request to the receipt (or today while still open). */
export interface Pause {
  from: string;
  to: string;
}

/** Working days the clock stood still: the working days of each pause, summed. */
export const pausedWorkingDays = (pauses: Pause[], cal: WorkCalendar = DEFAULT_CALENDAR): number =>
  pauses.reduce((sum, p) => sum + Math.max(0, workingDaysBetween(p.from, p.to, cal)), 0);

/** The decision deadline: registration date + n working days, extended by the paused working days. */
export function decisionDeadline(o: {
  registeredOn: string;
  days: number;
  pausedDays: number;
  calendar: WorkCalendar;
}): string {
  return addWorkingDays(o.registeredOn, o.days + o.pausedDays, o.calendar);
}

export type DeadlineState = 'ok' | 'at_risk' | 'overdue';
export const AT_RISK_DAYS = 2;

/** Overdue after the deadline; at risk when at most AT_RISK_DAYS working days are left. */
export function deadlineState(deadline: string, today: string, cal: WorkCalendar = DEFAULT_CALENDAR): DeadlineState {
  if (today > deadline) return 'overdue';
  return workingDaysBetween(today, deadline, cal) <= AT_RISK_DAYS ? 'at_risk' : 'ok';
}

/** A calendar from stored settings (unknown shapes fall back to the default: martial law on). */
export function calendarFrom(raw: unknown): WorkCalendar {
  // A copy: a caller that edits the calendar it got (adding a day off) must not change the default of every other
  // hromada in the process (it did: the shared test worker showed it).
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_CALENDAR, extraHolidays: [], extraWorkingDays: [] };
  const r = raw as Record<string, unknown>;
  const dates = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && isIsoDate(x)) : [];
  return {
    martialLaw: typeof r.martialLaw === 'boolean' ? r.martialLaw : DEFAULT_CALENDAR.martialLaw,
    extraHolidays: dates(r.extraHolidays),
    extraWorkingDays: dates(r.extraWorkingDays),
  };
}
