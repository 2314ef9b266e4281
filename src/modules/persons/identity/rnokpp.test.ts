import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRnokpp, makeRnokpp, rnokppConsistency } from './rnokpp.js';

/** Independent reference: the weighted sum of digits 1–9 mod 11 (0–10), mathematical mod. */
function remainder(digits: string): number {
  const w = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
  const sum = w.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return ((sum % 11) + 11) % 11;
}

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const sex = fc.constantFrom('male' as const, 'female' as const);
const validRnokpp = fc
  .tuple(isoDate('1900-01-01', '2099-12-31'), sex, fc.integer({ min: 0, max: 4999 }))
  .map(([birthDate, s, serial]) => makeRnokpp(birthDate, s, serial));

describe('checkRnokpp', () => {
  it('accepts the known valid numbers and decodes them', () => {
    expect(checkRnokpp('1759013776')).toEqual({ ok: true, birthDate: '1948-02-28', sex: 'male' });
    expect(checkRnokpp('3652504575')).toEqual({ ok: true, birthDate: '2000-01-01', sex: 'male' });
    expect(checkRnokpp('3068208400')).toEqual({ ok: true, birthDate: '1984-01-02', sex: 'female' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkRnokpp('1759013770')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('rejects anything that is not exactly 10 digits as a format problem', () => {
    for (const bad of [
      '',
      '175901377',
      '17590137760',
      '175901377a',
      '1759 013776',
      '１７５９０１３７７６',
      '-759013776',
    ]) {
      expect(checkRnokpp(bad)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('ignores surrounding whitespace', () => {
    expect(checkRnokpp(' 3652504575\n').ok).toBe(true);
  });

  it('counts days from 1899-12-31: 00001 is 1900-01-01', () => {
    const first = '000010000';
    const number = first + String(remainder(first) % 10);
    expect(checkRnokpp(number)).toEqual({ ok: true, birthDate: '1900-01-01', sex: 'female' });
  });

  it('handles a negative weighted sum with a mathematical mod', () => {
    // Σ = −9 (only d1 = 9): −9 mod 11 = 2, so the check digit is 2 (JavaScript's % would give −9).
    expect(checkRnokpp('9000000002').ok).toBe(true);
    expect(checkRnokpp('9000000009')).toEqual({ ok: false, problem: 'checksum' });
  });
});

describe('makeRnokpp', () => {
  it('round-trips birth date and sex for any date 1900–2099', () => {
    fc.assert(
      fc.property(
        isoDate('1900-01-01', '2099-12-31'),
        sex,
        fc.integer({ min: 0, max: 4999 }),
        (birthDate, s, serial) => {
          const number = makeRnokpp(birthDate, s, serial);
          expect(number).toMatch(/^\d{10}$/);
          expect(checkRnokpp(number)).toEqual({ ok: true, birthDate, sex: s });
        },
      ),
    );
  });

  it('gives different numbers for different serials', () => {
    expect(makeRnokpp('2000-01-01', 'male', 1)).not.toBe(makeRnokpp('2000-01-01', 'male', 2));
    expect(makeRnokpp('2000-01-01', 'male', 0)).toBe('3652500018');
  });

  it('refuses what a РНОКПП cannot encode', () => {
    expect(() => makeRnokpp('1899-12-31', 'male', 0)).toThrow(RangeError);
    expect(() => makeRnokpp('2173-10-15', 'male', 0)).toThrow(RangeError);
    expect(makeRnokpp('2173-10-14', 'female', 0).slice(0, 5)).toBe('99999');
    expect(() => makeRnokpp('2000-02-30', 'male', 0)).toThrow(RangeError);
    expect(() => makeRnokpp('2000-01-01', 'male', 5000)).toThrow(RangeError);
    expect(() => makeRnokpp('2000-01-01', 'male', 1.5)).toThrow(RangeError);
  });
});

describe('single-digit errors', () => {
  /*
   * The math: changing digit i (1–9) by δ (0 < |δ| ≤ 9) changes the sum by wᵢ·δ. Every weight is
   * non-zero mod 11 and 11 is prime, so the remainder mod 11 always changes. But the check digit is
   * that remainder mod 10, and remainders 0 and 10 both give check digit 0. So:
   *   a single-digit change leaves the number valid  ⇔  the changed digit is one of 1–9,
   *   the check digit is 0, and the remainders before and after are {0, 10}.
   * Changing digit 10 is always detected. The undetected changes need not alter the derived data
   * (a change in digits 6–8, or in digit 9 by ±8, keeps birth date and sex).
   */
  it('is detected exactly when the mod-11 remainder does not swap between 0 and 10', () => {
    let slipped = 0;
    fc.assert(
      fc.property(validRnokpp, (number) => {
        for (let pos = 0; pos < 10; pos++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === number[pos]) continue;
            const changed = number.slice(0, pos) + String(d) + number.slice(pos + 1);
            const undetectable =
              pos < 9 &&
              number[9] === '0' &&
              new Set([remainder(number), remainder(changed)]).size === 2 &&
              [0, 10].includes(remainder(number)) &&
              [0, 10].includes(remainder(changed));
            expect(checkRnokpp(changed).ok).toBe(undetectable);
            if (undetectable) slipped++;
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(slipped).toBeGreaterThan(0); // the exception is real, not vacuous
  });

  it('is always detected when the check digit is not 0', () => {
    fc.assert(
      fc.property(
        validRnokpp.filter((n) => n[9] !== '0'),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (number, pos, delta) => {
          const changed = number.slice(0, pos) + String((Number(number[pos]) + delta) % 10) + number.slice(pos + 1);
          expect(checkRnokpp(changed)).toEqual({ ok: false, problem: 'checksum' });
        },
      ),
    );
  });

  it('can slip through with the same birth date and sex (a real example)', () => {
    expect(checkRnokpp('3652500030')).toEqual({ ok: true, birthDate: '2000-01-01', sex: 'male' });
    expect(checkRnokpp('3652500230')).toEqual({ ok: true, birthDate: '2000-01-01', sex: 'male' });
  });
});

describe('rnokppConsistency', () => {
  it('lists what differs from the entered data', () => {
    expect(rnokppConsistency('3068208400', { birthDate: '1984-01-02', sex: 'female' })).toEqual([]);
    expect(rnokppConsistency('3068208400', { birthDate: '1984-02-01', sex: 'female' })).toEqual(['birthDate']);
    expect(rnokppConsistency('3068208400', { birthDate: '1984-01-02', sex: 'male' })).toEqual(['sex']);
    expect(rnokppConsistency('3068208400', { birthDate: '1948-01-02', sex: 'male' })).toEqual(['birthDate', 'sex']);
  });

  it('compares only the fields given', () => {
    expect(rnokppConsistency('3652504575', {})).toEqual([]);
    expect(rnokppConsistency('3652504575', { sex: 'female' })).toEqual(['sex']);
  });

  it('refuses an invalid number instead of reporting no mismatch', () => {
    expect(() => rnokppConsistency('1759013770', { sex: 'male' })).toThrow(RangeError);
    expect(() => rnokppConsistency('12345', {})).toThrow(RangeError);
  });
});
