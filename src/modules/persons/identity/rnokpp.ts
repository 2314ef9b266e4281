/**
 * РНОКПП (реєстраційний номер облікової картки платника податків, «ІПН») — 10 digits.
 *
 * - digits 1–5: the birth date as days since 1899-12-31 (00001 = 1900-01-01, 99999 = 2173-10-14);
 * - digits 6–8: a serial; digit 9: odd for men, even for women;
 * - digit 10: ((Σ dᵢ·wᵢ, i = 1..9, w = −1, 5, 7, 9, 4, 6, 10, 5, 7) mod 11) mod 10, mod taken mathematically.
 *
 * The birth date and sex a number encodes are what the tax service recorded; real people's numbers
 * occasionally disagree with their documents, so a mismatch is a question for the worker
 * (`rnokppConsistency`), not a rejection.
 */
import { addDays, daysBetween, isIsoDate, type Sex } from './dates.js';

export type RnokppProblem = 'format' | 'checksum';
export type RnokppCheck = { ok: true; birthDate: string; sex: Sex } | { ok: false; problem: RnokppProblem };
export type RnokppMismatch = 'birthDate' | 'sex';

const WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;
const EPOCH = '1899-12-31';
const TEN_DIGITS = /^\d{10}$/;
export const RNOKPP_FIRST_BIRTH_DATE = '1900-01-01';
export const RNOKPP_LAST_BIRTH_DATE = addDays(EPOCH, 99_999); // 2173-10-14
export const RNOKPP_MAX_SERIAL = 4999;

/** The remainder (0–10) of the weighted sum of the first nine digits, mod 11 taken mathematically. */
export function rnokppWeightedRemainder(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * WEIGHTS[i];
  return ((sum % 11) + 11) % 11;
}

/** The check digit (10th digit) that the first nine digits require. */
export function rnokppCheckDigit(firstNine: string): number {
  return rnokppWeightedRemainder(firstNine) % 10;
}

/** Validates a РНОКПП (surrounding whitespace is ignored) and decodes the birth date and sex. */
export function checkRnokpp(value: string): RnokppCheck {
  const digits = value.trim();
  if (!TEN_DIGITS.test(digits)) return { ok: false, problem: 'format' };
  if (rnokppCheckDigit(digits) !== Number(digits[9])) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    birthDate: addDays(EPOCH, Number(digits.slice(0, 5))),
    sex: Number(digits[8]) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Compares the data a valid РНОКПП encodes with what was entered for the person and lists what
 * differs, for the worker to confirm. Fields left undefined are not compared.
 * Throws RangeError for a number that `checkRnokpp` rejects: validate first.
 */
export function rnokppConsistency(value: string, entered: { birthDate?: string; sex?: Sex }): RnokppMismatch[] {
  const check = checkRnokpp(value);
  if (!check.ok) throw new RangeError(`Invalid РНОКПП (${check.problem})`);
  const mismatches: RnokppMismatch[] = [];
  if (entered.birthDate !== undefined && entered.birthDate !== check.birthDate) mismatches.push('birthDate');
  if (entered.sex !== undefined && entered.sex !== check.sex) mismatches.push('sex');
  return mismatches;
}

/**
 * Builds a valid РНОКПП (for tests, seeds and benchmarks). `serial` (0–4999) fills digits 6–9:
 * digits 6–9 = 2·serial + (1 for male, 0 for female), zero-padded; digit 10 is computed.
 * The birth date must lie in 1900-01-01 … 2173-10-14.
 */
export function makeRnokpp(birthDate: string, sex: Sex, serial: number): string {
  if (!isIsoDate(birthDate)) throw new RangeError(`Not a date: ${birthDate}`);
  const days = daysBetween(EPOCH, birthDate);
  if (days < 1 || days > 99_999) throw new RangeError(`РНОКПП cannot encode birth date ${birthDate}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > RNOKPP_MAX_SERIAL) {
    throw new RangeError(`РНОКПП serial must be an integer 0–${RNOKPP_MAX_SERIAL}`);
  }
  const firstNine = String(days).padStart(5, '0') + String(serial * 2 + (sex === 'male' ? 1 : 0)).padStart(4, '0');
  return firstNine + String(rnokppCheckDigit(firstNine));
}
