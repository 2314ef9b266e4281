/**
 * Builds Ukrainian ID-card MRZ lines with correct check digits — for tests, demo data and
 * benchmarks. The layout is described in `mrz.ts`.
 */
import { isIsoDate } from './dates.js';
import { icaoCheckDigit } from './icao.js';
import { MRZ_LINE_LENGTH as LINE, type MrzData } from './mrz.js';
import { checkUnzr } from './unzr.js';

export interface MrzFields extends Omit<MrzData, 'nationality'> {
  nationality?: string;
}

/**
 * Builds the three MRZ lines with correct check digits (for tests and demo data). Names are
 * upper-cased; spaces, hyphens and other separators become `<`, apostrophes are dropped; line 3 is
 * cut at 30 characters if the names are longer (ICAO truncation), so only names that fit round-trip.
 * Throws RangeError when a field cannot be encoded.
 */
export function buildMrz(fields: MrzFields): [string, string, string] {
  const { documentNumber, birthDate, expiryDate, sex } = fields;
  const nationality = fields.nationality ?? 'UKR';
  if (!/^\d{9}$/.test(documentNumber)) throw new RangeError('Document number must be 9 digits');
  const unzr = checkUnzr(fields.unzr);
  if (!unzr.ok) throw new RangeError(`Invalid УНЗР (${unzr.problem})`);
  if (!/^[A-Z]{3}$/.test(nationality)) throw new RangeError('Nationality must be three letters A–Z');
  const birth = toYymmdd(birthDate);
  const expiry = toYymmdd(expiryDate);
  const line1 = `IDUKR${documentNumber}${icaoCheckDigit(documentNumber)}${unzr.unzr.replace('-', '')}<<`;
  const head = `${birth}${icaoCheckDigit(birth)}${sex === 'male' ? 'M' : 'F'}${expiry}${icaoCheckDigit(expiry)}`;
  const fillers = '<'.repeat(11);
  const composite = line1.slice(5) + head.slice(0, 7) + head.slice(8) + fillers;
  const line2 = `${head}${nationality}${fillers}${icaoCheckDigit(composite)}`;
  const last = mrzName(fields.lastNameLatin);
  if (last === '') throw new RangeError('Surname is empty');
  const line3 = `${last}<<${mrzName(fields.givenNamesLatin)}`.padEnd(LINE, '<').slice(0, LINE);
  return [line1, line2, line3];
}

function toYymmdd(iso: string): string {
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !isIsoDate(iso)) throw new RangeError(`Not a date: ${iso}`);
  return m[1] + m[2] + m[3];
}

function mrzName(name: string): string {
  const upper = name.toUpperCase().replace(/['’ʼ`]/g, '');
  if (/[^A-Z\P{L}]|\p{N}/u.test(upper)) throw new RangeError('Names must be written in Latin letters A–Z');
  return upper.replace(/[^A-Z]+/g, '<').replace(/^<+|<+$/g, '');
}
