/**
 * The free times of an office for a service (pure; decision 0036): slots are computed from the office's week, never
 * stored. A day's slots run from opening in steps of the service's slot length while a slot ends by the break,
 * and again from the break's end while it ends by closing time; a holiday of the hromada's calendar has none, a weekday without hours has
 * none, and times already begun are gone. Each slot has the service's seats (windows serving it at once); on a day the
 * office has listed staff, no more seats than staff present (a window without staff is not a seat).
 */
import { addDays } from '../../platform/dates.js';
import { isHoliday, type WorkCalendar } from '../applications/working-days.js';

export interface DayHours {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** `HH:MM`. */
  opens: string;
  closes: string;
  breakStarts: string | null;
  breakEnds: string | null;
}

export interface StaffMember {
  userId: string;
  /** Inclusive ISO date ranges when the staff member is away. */
  absences: { from: string; to: string }[];
}

export interface SlotRules {
  hours: DayHours[];
  slotMinutes: number;
  seats: number;
  calendar: WorkCalendar;
  /** The office's staff; empty when none are listed (then the seats stand as set). */
  staff: StaffMember[];
}

export interface Slot {
  /** Kyiv wall clock `YYYY-MM-DDTHH:MM`. */
  start: string;
  end: string;
  seats: number;
  free: number;
}

/** Why a wanted time is not a slot: refused with its own message. */
export type NoSlot = 'past' | 'holiday' | 'closed' | 'not_a_slot' | 'no_staff';

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** ISO weekday of an ISO date (1 Monday … 7 Sunday). */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The seats of a day: the service's, or fewer when fewer of the listed staff are present. */
export function seatsOn(date: string, rules: Pick<SlotRules, 'seats' | 'staff'>): number {
  if (!rules.staff.length) return rules.seats;
  const present = rules.staff.filter((s) => !s.absences.some((a) => a.from <= date && date <= a.to)).length;
  return Math.min(rules.seats, present);
}

/** The slot grid of one day (before anything is booked or has passed), or why the day has none. */
export function dayGrid(date: string, rules: SlotRules): { times: string[] } | { none: NoSlot } {
  if (isHoliday(date, rules.calendar)) return { none: 'holiday' };
  const h = rules.hours.find((x) => x.weekday === isoWeekday(date));
  if (!h) return { none: 'closed' };
  if (seatsOn(date, rules) < 1) return { none: 'no_staff' };
  const len = rules.slotMinutes;
  const spans =
    h.breakStarts && h.breakEnds
      ? [
          [minutes(h.opens), minutes(h.breakStarts)],
          [minutes(h.breakEnds), minutes(h.closes)],
        ]
      : [[minutes(h.opens), minutes(h.closes)]];
  const times: string[] = [];
  for (const [from, until] of spans) for (let t = from; t + len <= until; t += len) times.push(hhmm(t));
  return { times };
}

/**
 * The slots from `from` to `to` (ISO dates, inclusive) that start after `now` (Kyiv wall clock), each with its seats
 * and how many are free given `taken` (live bookings per start time). Full slots are kept, with `free` 0.
 */
export function slotsBetween(
  rules: SlotRules,
  from: string,
  to: string,
  now: string,
  taken: ReadonlyMap<string, number> = new Map(),
): Slot[] {
  const out: Slot[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const grid = dayGrid(d, rules);
    if (!('times' in grid)) continue;
    const seats = seatsOn(d, rules);
    for (const time of grid.times) {
      const start = `${d}T${time}`;
      if (start <= now) continue;
      const end = `${d}T${hhmm(minutes(time) + rules.slotMinutes)}`;
      out.push({ start, end, seats, free: Math.max(0, seats - (taken.get(start) ?? 0)) });
    }
  }
  return out;
}

/** The slot that starts at `start` (Kyiv wall clock), or why there is none. */
export function slotAt(
  rules: SlotRules,
  start: string,
  now: string,
  taken: ReadonlyMap<string, number> = new Map(),
): Slot | { none: NoSlot } {
  if (start <= now) return { none: 'past' };
  const date = start.slice(0, 10);
  const grid = dayGrid(date, rules);
  if (!('times' in grid)) return grid;
  if (!grid.times.includes(start.slice(11, 16))) return { none: 'not_a_slot' };
  return slotsBetween(rules, date, date, now, taken).find((s) => s.start === start) ?? { none: 'not_a_slot' };
}
