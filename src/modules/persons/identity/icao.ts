/**
 * ICAO Doc 9303 part 3 §4.9 check digit: characters are valued 0–9 for digits, A=10 … Z=35,
 * and 0 for the filler `<`; weights 7, 3, 1 repeat; the check digit is the sum mod 10.
 */
const WEIGHTS = [7, 3, 1] as const;

export const MRZ_CHARS = /^[0-9A-Z<]*$/;

export function icaoCharValue(ch: string): number {
  if (ch === '<') return 0;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`Not an MRZ character: ${JSON.stringify(ch)}`);
}

/** The 7-3-1 check digit (0–9) of a string of MRZ characters. */
export function icaoCheckDigit(value: string): number {
  let sum = 0;
  for (let i = 0; i < value.length; i++) sum += icaoCharValue(value[i]) * WEIGHTS[i % 3];
  return sum % 10;
}
