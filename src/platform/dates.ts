/**
 * The one date module. Calendar dates travel as ISO text (`YYYY-MM-DD`); the hromada's "today" is the
 * date in Kyiv; people read and type `дд.мм.рррр`. Day arithmetic is done on UTC midnights, so it never
 * shifts with the clock or daylight saving.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KYIV = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Kyiv as `YYYY-MM-DD` (deadlines, validity periods, "overdue"). */
export function kyivToday(now: Date = new Date()): string {
  return KYIV.format(now);
}

const KYIV_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in Kyiv at `at`: `YYYY-MM-DDTHH:MM` (office hours, slots of visits). */
export function kyivLocal(at: Date = new Date()): string {
  const ms = at.getTime();
  const hour = Math.floor(ms / 3_600_000);
  // Kyiv's offset from UTC changes only at the start of an hour (UTC): within an hour once asked for it is known.
  const known = offsetOfHour.get(hour);
  if (known !== undefined) return utcPlus(ms, known);
  const local = kyivClock(at);
  const offsetMs = Date.parse(`${local}:00Z`) - Math.floor(ms / 60_000) * 60_000;
  // Kept for the hour when it holds from the hour's start and is a whole number of minutes (not so before 1924, when
  // Kyiv kept its own mean time: the last millisecond of the hour's first minute tells).
  const start = hour * 3_600_000;
  if (
    kyivClock(new Date(start)) === utcPlus(start, offsetMs) &&
    kyivClock(new Date(start + 59_999)) === utcPlus(start + 59_999, offsetMs)
  ) {
    // Bounded: the hours asked for are mostly now's and the visits' (slots, their answers' instants).
    if (offsetOfHour.size >= KNOWN_HOURS) offsetOfHour.clear();
    offsetOfHour.set(hour, offsetMs);
  }
  return local;
}

/** Kyiv's offset from UTC of the hours (UTC, in hours since 1970) `kyivLocal` has read, up to `KNOWN_HOURS` of them. */
const offsetOfHour = new Map<number, number>();
const KNOWN_HOURS = 4096;
const utcPlus = (ms: number, offsetMs: number) => new Date(ms + offsetMs).toISOString().slice(0, 16);

function kyivClock(at: Date): string {
  const p = Object.fromEntries(KYIV_CLOCK.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** True when `value` is a Kyiv wall-clock time written `YYYY-MM-DDTHH:MM` on a real date. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL_TIME.exec(value);
  return !!m && isIsoDate(value.slice(0, 10)) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

/**
 * The instant of a Kyiv wall-clock time `YYYY-MM-DDTHH:MM`, as ISO 8601 with Kyiv's offset of that day
 * (`2026-12-07T09:00:00+02:00`; +03:00 in summer).
 */
export function kyivInstant(local: string): string {
  const wall = Date.parse(`${local}:00Z`);
  for (const hours of [2, 3]) {
    if (kyivLocal(new Date(wall - hours * 3_600_000)) === local) return `${local}:00+0${hours}:00`;
  }
  return `${local}:00+02:00`; // the hour skipped when clocks go forward: read as winter time
}

/** True when `value` is a real calendar date written as `YYYY-MM-DD` (years 1–9999). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when year/month/day name a real Gregorian date (years 1–9999). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Milliseconds since the epoch of an ISO date at 00:00 UTC (the caller guarantees validity). */
function utcMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal, unlike Date.UTC
  return date.getTime();
}

function fromUtcMs(ms: number): string {
  const date = new Date(ms);
  return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The date `days` calendar days after `iso` (before, when negative); a malformed date is a RangeError. */
export function addDays(iso: string, days: number): string {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  return fromUtcMs(utcMs(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** Today's date in UTC as `YYYY-MM-DD` (identity-number checks, which are not tied to a place). */
export function todayIso(now: Date = new Date()): string {
  return fromUtcMs(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** ISO → `дд.мм.рррр` without time-zone shifts; '' for nothing. */
export const displayDate = (iso: string | null | undefined): string => (iso ? iso.split('-').reverse().join('.') : '');

/** `дд.мм.рррр` (or `д.м.рррр`) → ISO date, or null when it is not such a date. */
export function parseDisplayDate(v: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
