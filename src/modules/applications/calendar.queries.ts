import type { PoolClient } from 'pg';
import { prepared } from '../../platform/db.js';
import { calendarFrom, type WorkCalendar } from './working-days.js';

/** The calendar as stored in hromadas.settings.workCalendar, with the names of the hromada's own days. */
export interface StoredCalendar extends WorkCalendar {
  /** ISO date → what the day is (e.g. «День громади», «Перенесення з 29.12»). */
  names: Record<string, string>;
}

/**
 * The hromada's calendar; with `forUpdate` the hromada row stays locked until the transaction ends. Prepared: every
 * application card and queue page reads it (issue 15).
 */
export async function loadStoredCalendar(c: PoolClient, hromadaId: number, forUpdate = false): Promise<StoredCalendar> {
  const { rows } = await c.query<{ cal: unknown }>(
    prepared(`SELECT settings -> 'workCalendar' AS cal FROM hromadas WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      hromadaId,
    ]),
  );
  const raw = rows[0]?.cal;
  const names: Record<string, string> = {};
  const given = raw && typeof raw === 'object' ? (raw as { names?: unknown }).names : undefined;
  if (given && typeof given === 'object') {
    for (const [k, v] of Object.entries(given)) if (typeof v === 'string') names[k] = v;
  }
  return { ...calendarFrom(raw), names };
}

/** Writes the calendar back (other settings of the hromada are kept); lists sorted, names only of listed days. */
export async function saveStoredCalendar(c: PoolClient, hromadaId: number, cal: StoredCalendar): Promise<void> {
  const extraHolidays = [...new Set(cal.extraHolidays)].sort();
  const extraWorkingDays = [...new Set(cal.extraWorkingDays)].sort();
  const names = Object.fromEntries(
    [...extraHolidays, ...extraWorkingDays].filter((d) => cal.names[d]).map((d) => [d, cal.names[d]]),
  );
  await c.query(`UPDATE hromadas SET settings = jsonb_set(settings, '{workCalendar}', $2::jsonb) WHERE id = $1`, [
    hromadaId,
    JSON.stringify({ martialLaw: cal.martialLaw, extraHolidays, extraWorkingDays, names }),
  ]);
}
