import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit } from './icao.js';
import { buildMrz, type MrzFields } from './mrz-build.js';
import { parseMrz, type MrzProblem } from './mrz.js';
import { makeUnzr } from './unzr.js';

const TODAY = '2026-03-15';
const EXAMPLE = ['IDUKR00012345652000010112346<<', '0001018F3401011UKR<<<<<<<<<<<6', 'SHEVCHENKO<<OKSANA<<<<<<<<<<<<'];
const EXAMPLE_DATA = {
  documentNumber: '000123456',
  unzr: '20000101-12346',
  birthDate: '2000-01-01',
  sex: 'female',
  expiryDate: '2034-01-01',
  nationality: 'UKR',
  lastNameLatin: 'SHEVCHENKO',
  givenNamesLatin: 'OKSANA',
};

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const word = fc.string({
  unit: fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ')),
  minLength: 1,
  maxLength: 10,
});
const fields: fc.Arbitrary<MrzFields> = fc
  .record({
    documentNumber: fc.string({ unit: fc.constantFrom(...Array.from('0123456789')), minLength: 9, maxLength: 9 }),
    birthDate: isoDate('1900-01-01', '2099-12-31'),
    serial: fc.integer({ min: 0, max: 9999 }),
    sex: fc.constantFrom('male' as const, 'female' as const),
    // the window for two-digit expiry years around TODAY is 1976–2075
    expiryDate: isoDate('1976-01-01', '2075-12-31'),
    nationality: fc.oneof(
      fc.constant('UKR'),
      fc.string({ unit: fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ')), minLength: 3, maxLength: 3 }),
    ),
    last: fc.array(word, { minLength: 1, maxLength: 2 }),
    given: fc.array(word, { minLength: 0, maxLength: 3 }),
  })
  .filter((f) => f.last.join('<').length + 2 + f.given.join('<').length <= 30)
  .map(({ serial, last, given, ...rest }) => ({
    ...rest,
    unzr: makeUnzr(rest.birthDate, serial),
    lastNameLatin: last.join(' '),
    givenNamesLatin: given.join(' '),
  }));

function problemsOf(text: string): MrzProblem[] {
  const result = parseMrz(text, { today: TODAY });
  return result.ok ? [] : result.problems;
}

describe('parseMrz', () => {
  it('parses the synthetic Ukrainian ID card', () => {
    expect(parseMrz(EXAMPLE.join('\n'), { today: TODAY })).toEqual({ ok: true, value: EXAMPLE_DATA, lines: EXAMPLE });
  });

  it('tolerates lower case, spaces, CR/LF, blank lines, one 90-character line and dropped trailing fillers', () => {
    const variants = [
      EXAMPLE.join('\r\n'),
      `\n${EXAMPLE.join('\n\n')}\n`,
      EXAMPLE.join('\n').toLowerCase(),
      EXAMPLE.join(''),
      EXAMPLE.join(' '),
      EXAMPLE.map((l) => l.replace(/(.{5})/g, '$1 ')).join('\n'),
      `${EXAMPLE[0]}\n${EXAMPLE[1]}\nSHEVCHENKO<<OKSANA`,
    ];
    for (const text of variants) {
      expect(parseMrz(text, { today: TODAY })).toMatchObject({ ok: true, value: EXAMPLE_DATA });
    }
  });

  it('rejects text that is not three lines of 30 MRZ characters', () => {
    expect(parseMrz('', { today: TODAY })).toEqual({ ok: false, problems: ['mrz.format'], partial: {} });
    expect(problemsOf(EXAMPLE.slice(0, 2).join('\n'))).toEqual(['mrz.format']);
    expect(problemsOf(EXAMPLE.join('') + '<')).toEqual(['mrz.format']);
    expect(problemsOf(EXAMPLE.join('\n').replace('OKSANA', 'OKSANÄ'))).toEqual(['mrz.format']);
    expect(problemsOf(`${EXAMPLE[0]}<\n${EXAMPLE[1]}\n${EXAMPLE[2]}`)).toEqual(['mrz.format']);
  });

  it('names the failed field', () => {
    const swap = (line: number, pos: number, ch: string) =>
      EXAMPLE.map((l, i) => (i === line ? l.slice(0, pos) + ch + l.slice(pos + 1) : l)).join('\n');
    expect(problemsOf(swap(0, 0, 'P'))).toEqual(['mrz.documentCode']);
    expect(problemsOf(swap(0, 4, 'S'))).toEqual(['mrz.issuingState']);
    expect(problemsOf(swap(0, 14, '4'))).toEqual(['mrz.documentNumber.checksum', 'mrz.composite.checksum']);
    expect(problemsOf(swap(0, 13, 'X'))).toEqual(['mrz.documentNumber.format', 'mrz.composite.checksum']);
    expect(problemsOf(swap(0, 27, '7'))).toEqual(['mrz.unzr.checksum', 'mrz.composite.checksum']);
    expect(problemsOf(swap(0, 29, '1'))).toEqual(['mrz.line1.filler', 'mrz.composite.checksum']);
    expect(problemsOf(swap(1, 6, '9'))).toEqual(['mrz.birthDate.checksum', 'mrz.composite.checksum']);
    expect(problemsOf(swap(1, 2, '3'))).toEqual(['mrz.birthDate.format', 'mrz.composite.checksum']); // month 31
    expect(problemsOf(swap(1, 7, 'X'))).toEqual(['mrz.sex']);
    expect(problemsOf(swap(1, 14, '2'))).toEqual(['mrz.expiryDate.checksum', 'mrz.composite.checksum']);
    expect(problemsOf(swap(1, 15, '1'))).toEqual(['mrz.nationality']);
    expect(problemsOf(swap(1, 20, 'A'))).toEqual(['mrz.line2.filler']); // 'A' is worth 10: invisible mod 10
    expect(problemsOf(swap(1, 29, '7'))).toEqual(['mrz.composite.checksum']);
    expect(problemsOf(swap(2, 0, '<'))).toEqual(['mrz.names']);
    expect(problemsOf(swap(2, 3, '1'))).toEqual(['mrz.names']);
  });

  it('reports a УНЗР whose date is not the birth date', () => {
    const fields = { ...EXAMPLE_DATA, sex: 'female' as const };
    const lines = buildMrz({ ...fields, unzr: makeUnzr('2000-01-02', 1234) });
    const result = parseMrz(lines.join('\n'), { today: TODAY });
    expect(result).toMatchObject({ ok: false, problems: ['mrz.unzr.birthDateMismatch'] });
  });

  it('returns what passed its own checks when something failed', () => {
    const broken = EXAMPLE.join('\n').replace('12346<<', '12347<<');
    const result = parseMrz(broken, { today: TODAY });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.partial).toEqual({ ...EXAMPLE_DATA, unzr: undefined });
    expect('unzr' in result.partial).toBe(false);
  });

  it('puts a two-digit birth year in the past when no valid УНЗР gives the century', () => {
    const birthOf = (yymmdd: string, today: string): string | undefined => {
      const lines = buildMrz({ ...EXAMPLE_DATA, sex: 'female' });
      // a new birth date with its check digit, and an all-zero (invalid) УНЗР
      const line1 = lines[0].slice(0, 15) + '0'.repeat(13) + '<<';
      const line2 = `${yymmdd}${icaoCheckDigit(yymmdd)}${lines[1].slice(7)}`;
      const result = parseMrz([line1, line2, lines[2]].join('\n'), { today });
      expect(result.ok).toBe(false);
      return result.ok ? undefined : result.partial.birthDate;
    };
    expect(birthOf('260315', TODAY)).toBe('2026-03-15');
    expect(birthOf('260316', TODAY)).toBe('1926-03-16');
    expect(birthOf('480228', TODAY)).toBe('1948-02-28');
    expect(birthOf('000101', TODAY)).toBe('2000-01-01');
  });

  it('uses the УНЗР for the century, so people over 100 keep their birth year', () => {
    const fields = { ...EXAMPLE_DATA, sex: 'male' as const, birthDate: '1920-05-01', unzr: makeUnzr('1920-05-01', 77) };
    expect(parseMrz(buildMrz(fields).join('\n'), { today: TODAY })).toMatchObject({ ok: true, value: fields });
  });

  it('lets an expiry year be up to 49 years ahead and 50 behind', () => {
    const expiryOf = (expiryDate: string): string | undefined => {
      const result = parseMrz(buildMrz({ ...EXAMPLE_DATA, sex: 'female', expiryDate }).join('\n'), { today: TODAY });
      return result.ok ? result.value.expiryDate : undefined;
    };
    expect(expiryOf('2034-01-01')).toBe('2034-01-01');
    expect(expiryOf('2075-12-31')).toBe('2075-12-31');
    expect(expiryOf('1976-01-01')).toBe('1976-01-01');
    expect(expiryOf('2020-06-30')).toBe('2020-06-30');
  });

  it('moves the expiry window with the reference day', () => {
    const expiryOn = (expiryDate: string, today: string): string | undefined => {
      const result = parseMrz(buildMrz({ ...EXAMPLE_DATA, sex: 'female', expiryDate }).join('\n'), { today });
      return result.ok ? result.value.expiryDate : undefined;
    };
    expect(expiryOn('2110-01-01', '2080-06-01')).toBe('2110-01-01'); // 2010 would be over 50 years back
    expect(expiryOn('2030-01-01', '2080-06-01')).toBe('2030-01-01');
    expect(expiryOn('2029-01-01', '2080-06-01')).toBe('2129-01-01');
    expect(expiryOn('1999-12-31', '2001-01-01')).toBe('1999-12-31');
  });

  it('round-trips buildMrz for arbitrary names, numbers and dates', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const lines = buildMrz(f);
        expect(lines.map((l) => l.length)).toEqual([30, 30, 30]);
        expect(parseMrz(lines.join('\n'), { today: TODAY })).toEqual({
          ok: true,
          value: { nationality: 'UKR', ...f },
          lines,
        });
        expect(parseMrz(lines.join('').toLowerCase(), { today: TODAY })).toMatchObject({ ok: true });
      }),
    );
  });

  it('detects any changed character in lines 1–2 except the sex and nationality, and names the field', () => {
    const UNPROTECTED = new Set([30 + 7, 30 + 15, 30 + 16, 30 + 17]);
    const expectedField = (pos: number): RegExp => {
      if (pos < 2) return /^mrz\.documentCode$/;
      if (pos < 5) return /^mrz\.issuingState$/;
      if (pos < 15) return /^mrz\.documentNumber\./;
      if (pos < 28) return /^mrz\.unzr\.(format|date|checksum)$/;
      if (pos < 30) return /^mrz\.line1\.filler$/;
      if (pos < 37) return /^mrz\.birthDate\./;
      if (pos >= 38 && pos < 45) return /^mrz\.expiryDate\./;
      if (pos >= 48 && pos < 59) return /^mrz\.line2\.filler$/;
      return /^mrz\.composite\.checksum$/;
    };
    fc.assert(
      fc.property(
        fields,
        fc.integer({ min: 0, max: 59 }).filter((p) => !UNPROTECTED.has(p)),
        fc.constantFrom(...Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<')),
        (f, pos, ch) => {
          const text = buildMrz(f).join('');
          fc.pre(text[pos] !== ch);
          const problems = problemsOf(text.slice(0, pos) + ch + text.slice(pos + 1));
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.some((p) => expectedField(pos).test(p))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cannot detect a flipped sex letter: ICAO 9303 leaves it outside every check digit', () => {
    const flipped = EXAMPLE.join('\n').replace('8F34', '8M34');
    expect(parseMrz(flipped, { today: TODAY })).toMatchObject({ ok: true, value: { sex: 'male' } });
  });
});

describe('buildMrz', () => {
  it('builds the synthetic example', () => {
    expect(buildMrz({ ...EXAMPLE_DATA, sex: 'female' })).toEqual(EXAMPLE);
  });

  it('writes separators as < and drops apostrophes in names', () => {
    const lines = buildMrz({
      ...EXAMPLE_DATA,
      sex: 'female',
      lastNameLatin: 'Kosach-Kvitka',
      givenNamesLatin: "Larysa O'Petra",
    });
    expect(lines[2]).toBe('KOSACH<KVITKA<<LARYSA<OPETRA<<');
  });

  it('refuses fields it cannot encode', () => {
    const ok = { ...EXAMPLE_DATA, sex: 'female' as const };
    expect(() => buildMrz({ ...ok, documentNumber: '12345678' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, unzr: '20000101-12345' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, nationality: 'UA' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, lastNameLatin: 'Шевченко' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, lastNameLatin: ' - ' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, birthDate: '01.01.2000' })).toThrow(RangeError);
    expect(() => buildMrz({ ...ok, expiryDate: '2034-02-30' })).toThrow(RangeError);
  });
});
