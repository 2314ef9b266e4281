/**
 * УНЗР (унікальний номер запису в Єдиному державному демографічному реєстрі): `YYYYMMDD-NNNNC`.
 * YYYYMMDD is the birth date, NNNN a serial, C the ICAO 9303 7-3-1 check digit over the 12 digits.
 *
 * Because the weights 7, 3, 1 are all coprime to 10, changing any single digit always breaks the
 * check digit (or, in the date part, may make the date impossible first).
 * The date is checked as a real calendar date from 1900 on; whether it is in the future is left to
 * the caller, who knows today's date.
 */
import { isCalendarDate, isIsoDate, toIso } from './dates.js';
import { icaoCheckDigit } from './icao.js';

export type UnzrProblem = 'format' | 'date' | 'checksum';
export type UnzrCheck = { ok: true; unzr: string; birthDate: string } | { ok: false; problem: UnzrProblem };

const UNZR = /^(\d{4})(\d{2})(\d{2})-?(\d{4})(\d)$/;
export const UNZR_MIN_YEAR = 1900;

/**
 * Validates a УНЗР written with or without the hyphen (surrounding whitespace ignored).
 * On success `unzr` is the normalised, hyphenated form.
 */
export function checkUnzr(value: string): UnzrCheck {
  const m = UNZR.exec(value.trim());
  if (!m) return { ok: false, problem: 'format' };
  const [, yyyy, mm, dd, serial, check] = m;
  const year = Number(yyyy);
  if (year < UNZR_MIN_YEAR || !isCalendarDate(year, Number(mm), Number(dd))) {
    return { ok: false, problem: 'date' };
  }
  if (icaoCheckDigit(yyyy + mm + dd + serial) !== Number(check)) return { ok: false, problem: 'checksum' };
  return { ok: true, unzr: `${yyyy}${mm}${dd}-${serial}${check}`, birthDate: toIso(year, Number(mm), Number(dd)) };
}

/** Builds a valid, hyphenated УНЗР for a birth date (year ≥ 1900) and serial 0–9999 (tests, seeds). */
export function makeUnzr(birthDate: string, serial: number): string {
  if (!isIsoDate(birthDate) || Number(birthDate.slice(0, 4)) < UNZR_MIN_YEAR) {
    throw new RangeError(`УНЗР cannot encode birth date ${birthDate}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) {
    throw new RangeError('УНЗР serial must be an integer 0–9999');
  }
  const twelve = birthDate.replaceAll('-', '') + String(serial).padStart(4, '0');
  return `${twelve.slice(0, 8)}-${twelve.slice(8)}${icaoCheckDigit(twelve)}`;
}
