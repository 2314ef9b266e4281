import { addDays } from '../../platform/dates.js';

/** Where a service was delivered (the settings of decision 0025). */
export const ACT_PLACES = ['home', 'day_centre', 'residential', 'remote'] as const;
export type ActPlace = (typeof ACT_PLACES)[number];

/** Who confirmed an act: the recipient's signature, or the worker (saying why the recipient could not sign). */
export const CONFIRMATIONS = ['recipient', 'worker'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** The unit a monthly volume is counted in (decision 0026). */
export const VOLUME_UNITS = ['hour', 'visit', 'day'] as const;
export type VolumeUnit = (typeof VOLUME_UNITS)[number];

/** Assignment statuses an act may be written on: the provider accepted it or started delivering. */
export const DELIVERING = ['accepted', 'in_progress'] as const;

/** ISO weekdays 1 (Monday) … 7 (Sunday). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The most rows a week's form saves at once. */
export const MAX_WEEK_ROWS = 100;

/** `YYYY-MM` → the first day of the month and the first day of the next one. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v) && Number(v.slice(0, 4)) >= 2000;

/** The ISO weekday of a day. */
export function weekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week of a day. */
export const mondayOf = (iso: string) => addDays(iso, 1 - weekday(iso));

/** What was delivered in a unit: hours from the minutes, one visit per act, one day per day with an act. */
export function delivered(unit: VolumeUnit, m: { minutes: number; visits: number; days: number }): number {
  if (unit === 'hour') return Math.round((m.minutes / 60) * 100) / 100;
  return unit === 'visit' ? m.visits : m.days;
}

/** Delivered against a promised volume: under, as promised, or over (none when nothing was promised). */
export function volumeFlag(done: number, promised: number | null): 'under' | 'ok' | 'over' | null {
  if (promised === null) return null;
  if (done < promised) return 'under';
  return done > promised ? 'over' : 'ok';
}

/** `HH:MM` of a time text, or null. */
export const isTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
