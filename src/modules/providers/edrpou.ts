/**
 * ЄДРПОУ (the code of a legal entity in the Unified State Register): eight digits, the last a check digit.
 * The check digit is the remainder modulo 11 of the first seven digits weighted 1…7, or 7, 1…6 for codes from
 * 30000000 to 60000000; a remainder of 10 is recomputed with every weight raised by 2, and a second 10 gives 0.
 */
export type EdrpouProblem = 'format' | 'checksum';
export type EdrpouCheck = { ok: true } | { ok: false; problem: EdrpouProblem };

const BASE_LOW = [1, 2, 3, 4, 5, 6, 7];
const BASE_MID = [7, 1, 2, 3, 4, 5, 6];

/** The check digit for the first seven digits of a code (`firstSeven` must be seven digits). */
export function edrpouCheckDigit(firstSeven: string): number {
  if (!/^\d{7}$/.test(firstSeven)) throw new RangeError('seven digits expected');
  const value = Number(firstSeven) * 10;
  const base = value >= 30_000_000 && value < 60_000_000 ? BASE_MID : BASE_LOW;
  const remainder = (extra: number) => {
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += Number(firstSeven[i]) * ((base[i] ?? 0) + extra);
    return sum % 11;
  };
  let r = remainder(0);
  if (r === 10) r = remainder(2);
  return r === 10 ? 0 : r;
}

/** Whether `value` is a well-formed ЄДРПОУ code with a right check digit. */
export function checkEdrpou(value: string): EdrpouCheck {
  if (!/^\d{8}$/.test(value)) return { ok: false, problem: 'format' };
  return edrpouCheckDigit(value.slice(0, 7)) === Number(value[7]) ? { ok: true } : { ok: false, problem: 'checksum' };
}
