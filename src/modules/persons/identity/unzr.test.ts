import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUnzr, makeUnzr } from './unzr.js';

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const validUnzr = fc
  .tuple(isoDate('1900-01-01', '2099-12-31'), fc.integer({ min: 0, max: 9999 }))
  .map(([birthDate, serial]) => makeUnzr(birthDate, serial));

describe('checkUnzr', () => {
  it('accepts the synthetic example, with or without the hyphen, and normalises it', () => {
    const expected = { ok: true, unzr: '20000101-12346', birthDate: '2000-01-01' };
    expect(checkUnzr('20000101-12346')).toEqual(expected);
    expect(checkUnzr('2000010112346')).toEqual(expected);
    expect(checkUnzr('  20000101-12346 ')).toEqual(expected);
  });

  it('rejects a wrong check digit', () => {
    expect(checkUnzr('20000101-12345')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('rejects malformed input', () => {
    for (const bad of [
      '',
      '20000101-1234',
      '20000101-123456',
      '20000101 12346',
      '2000-01-01-12346',
      '2000010a-12346',
      '20000101--12346',
    ]) {
      expect(checkUnzr(bad)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('rejects impossible dates and years before 1900', () => {
    for (const bad of ['20000230-12346', '20011301-12346', '20010229-12346', '20000100-12346', '18991231-12346']) {
      expect(checkUnzr(bad)).toEqual({ ok: false, problem: 'date' });
    }
    expect(checkUnzr(makeUnzr('2000-02-29', 0))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('any single changed digit is detected (7, 3 and 1 are coprime to 10)', () => {
    fc.assert(
      fc.property(
        validUnzr,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (unzr, digitIndex, delta) => {
          const pos = digitIndex < 8 ? digitIndex : digitIndex + 1; // skip the hyphen
          const changed = unzr.slice(0, pos) + String((Number(unzr[pos]) + delta) % 10) + unzr.slice(pos + 1);
          const result = checkUnzr(changed);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['date', 'checksum']).toContain(result.problem);
        },
      ),
    );
  });
});

describe('makeUnzr', () => {
  it('builds the synthetic example', () => {
    expect(makeUnzr('2000-01-01', 1234)).toBe('20000101-12346');
  });

  it('round-trips the birth date for any date 1900–2099', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2099-12-31'), fc.integer({ min: 0, max: 9999 }), (birthDate, serial) => {
        const unzr = makeUnzr(birthDate, serial);
        expect(unzr).toMatch(/^\d{8}-\d{5}$/);
        expect(checkUnzr(unzr)).toEqual({ ok: true, unzr, birthDate });
        expect(checkUnzr(unzr.replace('-', ''))).toEqual({ ok: true, unzr, birthDate });
      }),
    );
  });

  it('refuses what it cannot encode', () => {
    expect(() => makeUnzr('1899-12-31', 0)).toThrow(RangeError);
    expect(() => makeUnzr('2000-13-01', 0)).toThrow(RangeError);
    expect(() => makeUnzr('2000-01-01', 10000)).toThrow(RangeError);
    expect(() => makeUnzr('2000-01-01', -1)).toThrow(RangeError);
  });
});
