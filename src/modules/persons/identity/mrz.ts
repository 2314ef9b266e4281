/**
 * Machine-readable zone of the Ukrainian ID card (ICAO Doc 9303 part 5, TD1: 3 lines × 30).
 *
 *   line 1  1–2 `ID`, 3–5 `UKR`, 6–14 document number (9 digits), 15 its check digit,
 *           16–28 УНЗР without the hyphen (13 digits), 29–30 `<<`
 *   line 2  1–6 birth date YYMMDD, 7 check, 8 sex M/F, 9–14 expiry YYMMDD, 15 check,
 *           16–18 nationality, 19–29 fillers, 30 composite check over
 *           line 1 pos 6–30 + line 2 pos 1–7, 9–15, 19–29
 *   line 3  SURNAME<<GIVEN<NAMES, padded with `<`
 *
 * What the check digits cannot catch, by design of ICAO 9303: the sex (line 2 pos 8), the nationality
 * (16–18) and the names (line 3) are outside every check digit, so a misread there parses cleanly.
 * Everything else is checked: a field's own check digit, the УНЗР's own check digit, and the fixed
 * fillers, so any single-character substitution in lines 1–2 outside those positions is reported.
 *
 * Two-digit years: the birth year is the latest one not after today (but when the УНЗР is valid and
 * carries the same YYMMDD, its four-digit year is used); the expiry year is taken within
 * today's year −50 … +49.
 */
import { isCalendarDate, isIsoDate, todayIso, toIso, type Sex } from './dates.js';
import { icaoCheckDigit, MRZ_CHARS } from './icao.js';
import { checkUnzr } from './unzr.js';

export const MRZ_PROBLEMS = [
  'mrz.format',
  'mrz.documentCode',
  'mrz.issuingState',
  'mrz.documentNumber.format',
  'mrz.documentNumber.checksum',
  'mrz.unzr.format',
  'mrz.unzr.date',
  'mrz.unzr.checksum',
  'mrz.unzr.birthDateMismatch',
  'mrz.line1.filler',
  'mrz.birthDate.format',
  'mrz.birthDate.checksum',
  'mrz.sex',
  'mrz.expiryDate.format',
  'mrz.expiryDate.checksum',
  'mrz.nationality',
  'mrz.line2.filler',
  'mrz.composite.checksum',
  'mrz.names',
] as const;
export type MrzProblem = (typeof MRZ_PROBLEMS)[number];

export interface MrzData {
  /** 9 digits. */
  documentNumber: string;
  /** Hyphenated: `YYYYMMDD-NNNNC`. */
  unzr: string;
  birthDate: string;
  sex: Sex;
  expiryDate: string;
  /** ICAO three-letter code, `UKR` for citizens. */
  nationality: string;
  /** Upper-case Latin, words separated by single spaces. */
  lastNameLatin: string;
  /** Upper-case Latin, words separated by single spaces; may be empty. */
  givenNamesLatin: string;
}

export type MrzParse =
  | { ok: true; value: MrzData; lines: [string, string, string] }
  | { ok: false; problems: MrzProblem[]; partial: Partial<MrzData> };

export interface MrzOptions {
  /** Reference day for two-digit years (ISO date); defaults to today (UTC). */
  today?: string;
}

export const MRZ_LINE_LENGTH = 30;
const LINE = MRZ_LINE_LENGTH;

/**
 * Normalises scanner or keyboard input into three 30-character lines, or null.
 * Accepts lower case, spaces and tabs anywhere, CR/LF or LF line breaks, blank lines, the three lines
 * typed as one 90-character line, and a third line whose trailing fillers were dropped.
 */
export function normaliseMrz(text: string): [string, string, string] | null {
  const lines = text
    .toUpperCase()
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ''))
    .filter((line) => line.length > 0);
  let result: string[];
  if (lines.length === 3 && lines[0].length === LINE && lines[1].length === LINE && lines[2].length <= LINE) {
    result = [lines[0], lines[1], lines[2].padEnd(LINE, '<')];
  } else {
    const joined = lines.join('');
    if (joined.length !== 3 * LINE) return null;
    result = [joined.slice(0, LINE), joined.slice(LINE, 2 * LINE), joined.slice(2 * LINE)];
  }
  if (!result.every((line) => MRZ_CHARS.test(line))) return null;
  return [result[0], result[1], result[2]];
}

/**
 * Parses and validates the MRZ of a Ukrainian ID card, reporting every failed field. On failure,
 * `partial` holds the fields that passed their own checks, for showing what was read.
 */
export function parseMrz(text: string, options: MrzOptions = {}): MrzParse {
  const lines = normaliseMrz(text);
  if (!lines) return { ok: false, problems: ['mrz.format'], partial: {} };
  const [l1, l2, l3] = lines;
  const today = options.today ?? todayIso();
  const problems: MrzProblem[] = [];
  const partial: Partial<MrzData> = {};
  /** Checks a numeric field and its check digit; true when both are well-formed and agree. */
  const checked = (field: string, check: string, ok: boolean, name: 'documentNumber' | 'birthDate' | 'expiryDate') => {
    if (!ok || !/^\d$/.test(check)) problems.push(`mrz.${name}.format`);
    else if (icaoCheckDigit(field) !== Number(check)) problems.push(`mrz.${name}.checksum`);
    else return true;
    return false;
  };

  if (l1.slice(0, 2) !== 'ID') problems.push('mrz.documentCode');
  if (l1.slice(2, 5) !== 'UKR') problems.push('mrz.issuingState');
  const documentNumber = l1.slice(5, 14);
  if (checked(documentNumber, l1[14], /^\d{9}$/.test(documentNumber), 'documentNumber')) {
    partial.documentNumber = documentNumber;
  }
  const unzr = checkUnzr(l1.slice(15, 28));
  if (unzr.ok) partial.unzr = unzr.unzr;
  else problems.push(`mrz.unzr.${unzr.problem}`);
  if (l1.slice(28, 30) !== '<<') problems.push('mrz.line1.filler');

  const birthField = l2.slice(0, 6);
  const birthParts = yymmdd(birthField);
  if (checked(birthField, l2[6], birthParts !== null, 'birthDate') && birthParts) {
    // The УНЗР carries the four-digit year; without a valid УНЗР, the latest year not after today.
    const birthDate =
      unzr.ok && unzr.birthDate.slice(2).replaceAll('-', '') === birthField
        ? unzr.birthDate
        : birthDateFromYymmdd(birthParts, today);
    if (unzr.ok && birthDate !== unzr.birthDate) problems.push('mrz.unzr.birthDateMismatch');
    // 29 February of a year 00 exists in 2000 but not in 1900 or 2100.
    if (isIsoDate(birthDate)) partial.birthDate = birthDate;
    else problems.push('mrz.birthDate.format');
  }

  if (l2[7] === 'M' || l2[7] === 'F') partial.sex = l2[7] === 'M' ? 'male' : 'female';
  else problems.push('mrz.sex');

  const expiryField = l2.slice(8, 14);
  const expiryParts = yymmdd(expiryField);
  if (checked(expiryField, l2[14], expiryParts !== null, 'expiryDate') && expiryParts) {
    const expiryDate = expiryDateFromYymmdd(expiryParts, today);
    if (isIsoDate(expiryDate)) partial.expiryDate = expiryDate;
    else problems.push('mrz.expiryDate.format');
  }

  const nationality = l2.slice(15, 18);
  if (/^[A-Z]{3}$/.test(nationality)) partial.nationality = nationality;
  else problems.push('mrz.nationality');
  if (l2.slice(18, 29) !== '<'.repeat(11)) problems.push('mrz.line2.filler');
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  if (!/^\d$/.test(l2[29]) || icaoCheckDigit(composite) !== Number(l2[29])) problems.push('mrz.composite.checksum');

  const names = parseNames(l3);
  if (names) {
    partial.lastNameLatin = names.last;
    partial.givenNamesLatin = names.given;
  } else problems.push('mrz.names');

  const value = complete(partial);
  if (problems.length > 0 || !value) return { ok: false, problems, partial };
  return { ok: true, value, lines };
}

function complete(p: Partial<MrzData>): MrzData | null {
  const { documentNumber, unzr, birthDate, sex, expiryDate, nationality, lastNameLatin, givenNamesLatin } = p;
  if (
    documentNumber === undefined ||
    unzr === undefined ||
    birthDate === undefined ||
    sex === undefined ||
    expiryDate === undefined ||
    nationality === undefined ||
    lastNameLatin === undefined ||
    givenNamesLatin === undefined
  ) {
    return null;
  }
  return { documentNumber, unzr, birthDate, sex, expiryDate, nationality, lastNameLatin, givenNamesLatin };
}

interface Yymmdd {
  yy: number;
  month: number;
  day: number;
}

/** A YYMMDD field whose month and day exist in some century (29 February only in leap years). */
function yymmdd(field: string): Yymmdd | null {
  if (!/^\d{6}$/.test(field)) return null;
  const yy = Number(field.slice(0, 2));
  const month = Number(field.slice(2, 4));
  const day = Number(field.slice(4, 6));
  // 2000 and 1900 differ only for yy = 00 on 29 February; accept if either century has the date.
  if (!isCalendarDate(2000 + yy, month, day) && !isCalendarDate(1900 + yy, month, day)) return null;
  return { yy, month, day };
}

function birthDateFromYymmdd({ yy, month, day }: Yymmdd, today: string): string {
  const todayYear = Number(today.slice(0, 4));
  let year = Math.floor(todayYear / 100) * 100 + yy;
  if (toIso(year, month, day) > today) year -= 100;
  return toIso(year, month, day);
}

function expiryDateFromYymmdd({ yy, month, day }: Yymmdd, today: string): string {
  const todayYear = Number(today.slice(0, 4));
  let year = Math.floor(todayYear / 100) * 100 + yy;
  if (year > todayYear + 49) year -= 100;
  else if (year < todayYear - 50) year += 100;
  return toIso(year, month, day);
}

function parseNames(line: string): { last: string; given: string } | null {
  if (!/^[A-Z<]+$/.test(line)) return null;
  const separator = line.indexOf('<<');
  const lastPart = separator === -1 ? line : line.slice(0, separator);
  const givenPart = separator === -1 ? '' : line.slice(separator + 2);
  const words = (part: string): string => part.split('<').filter(Boolean).join(' ');
  const last = words(lastPart);
  if (last === '' || lastPart.startsWith('<')) return null;
  return { last, given: words(givenPart) };
}
