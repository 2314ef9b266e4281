import { describe, expect, it } from 'vitest';
import { isIsoDate, toDisplayDate } from './dates.js';
import { icaoCheckDigit } from './icao.js';

describe('icaoCheckDigit', () => {
  it('matches the ICAO 9303 TD1 specimen (ERIKSSON, Utopia)', () => {
    // I<UTOD231458907<<<<<<<<<<<<<<< / 7408122F1204159UTO<<<<<<<<<<<6
    expect(icaoCheckDigit('D23145890')).toBe(7);
    expect(icaoCheckDigit('740812')).toBe(2);
    expect(icaoCheckDigit('120415')).toBe(9);
    expect(icaoCheckDigit('D231458907<<<<<<<<<<<<<<<' + '7408122' + '1204159' + '<<<<<<<<<<<')).toBe(6);
  });

  it('values < as 0 and letters A=10 … Z=35', () => {
    expect(icaoCheckDigit('<')).toBe(0);
    expect(icaoCheckDigit('A')).toBe(0); // 10·7 = 70
    expect(icaoCheckDigit('Z')).toBe(5); // 35·7 = 245
    expect(icaoCheckDigit('1Z')).toBe(2); // 7 + 105 = 112
  });

  it('refuses characters outside the MRZ alphabet', () => {
    expect(() => icaoCheckDigit('a')).toThrow(RangeError);
    expect(() => icaoCheckDigit('Є')).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-04-31')).toBe(false);
    expect(isIsoDate('2000-4-3')).toBe(false);
  });

  it('shows dates the Ukrainian way', () => {
    expect(toDisplayDate('1984-01-02')).toBe('02.01.1984');
  });
});
