import { describe, expect, it } from 'vitest';
import { checkEdrpou, edrpouCheckDigit } from './edrpou.js';

describe('ЄДРПОУ check digit', () => {
  it('accepts the codes of real legal entities (both weight ranges)', () => {
    // Ощадбанк, ПриватБанк (weights 1…7), Укрзалізниця (from 30000000 to 60000000: weights 7, 1…6).
    for (const code of ['00032129', '14360570', '40075815']) expect(checkEdrpou(code), code).toEqual({ ok: true });
  });

  it('recomputes a remainder of 10 with the weights raised by 2', () => {
    // 0000090: 9 × 6 = 54 → 54 mod 11 = 10, so again with 9 × 8 = 72 → 72 mod 11 = 6.
    expect(edrpouCheckDigit('0000090')).toBe(6);
    expect(checkEdrpou('00000906')).toEqual({ ok: true });
    // 3000009 (weights 7, 1…6): 3 × 7 + 9 × 6 = 75 → 75 mod 11 = 9; 3000008: 21 + 48 = 69 → 3.
    expect(edrpouCheckDigit('3000009')).toBe(9);
    expect(edrpouCheckDigit('3000008')).toBe(3);
  });

  it('gives 0 when the second remainder is 10 too', () => {
    // Weights 1…7 then 3…9: find a prefix whose both remainders are 10 and check it gives 0.
    const both = Array.from({ length: 100_000 }, (_, n) => String(n).padStart(7, '0')).find((p) => {
      const r = (extra: number) =>
        Array.from({ length: 7 }, (_, i) => Number(p[i]) * (i + 1 + extra)).reduce((s, x) => s + x, 0) % 11;
      return r(0) === 10 && r(2) === 10;
    });
    expect(both).toBeDefined();
    expect(edrpouCheckDigit(both ?? '')).toBe(0);
  });

  it('refuses a wrong check digit and a malformed code', () => {
    expect(checkEdrpou('00032128')).toEqual({ ok: false, problem: 'checksum' });
    expect(checkEdrpou('14360571')).toEqual({ ok: false, problem: 'checksum' });
    for (const bad of ['', '1234567', '123456789', '1436057a', ' 14360570'])
      expect(checkEdrpou(bad), bad).toEqual({ ok: false, problem: 'format' });
  });

  it('every prefix has exactly one right check digit', () => {
    for (const prefix of ['0000000', '1234567', '2999999', '3000000', '4512345', '5999999', '6000000', '9999999']) {
      const right = Array.from({ length: 10 }, (_, d) => String(d)).filter((d) => checkEdrpou(prefix + d).ok);
      expect(right, prefix).toEqual([String(edrpouCheckDigit(prefix))]);
    }
  });
});
