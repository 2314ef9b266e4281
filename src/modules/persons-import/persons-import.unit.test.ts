import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { guessMapping, columnLetter } from './import.fields.js';
import { toIsoDate, toSex, toRnokpp, settlementKey } from './import.values.js';
import { detectDelimiter } from './import.files.js';
import { neutralise, toCsv } from './export.format.js';
import { mappingProblems } from './use-cases/start-import.js';
import { translator } from '../../platform/i18n.js';

describe('import values', () => {
  it('reads birth dates in Ukrainian, ISO and Excel forms', () => {
    expect(toIsoDate('05.03.1961')).toBe('1961-03-05');
    expect(toIsoDate('5.3.1961')).toBe('1961-03-05');
    expect(toIsoDate('1961-03-05')).toBe('1961-03-05');
    expect(toIsoDate(new Date(Date.UTC(1961, 2, 5)))).toBe('1961-03-05');
    expect(toIsoDate(22345)).toBe('1961-03-05');
    expect(toIsoDate('березень 1961')).toBe('березень 1961');
    expect(toIsoDate('')).toBeUndefined();
  });

  it('reads sex in the usual spellings', () => {
    for (const v of ['ч', 'Чол.', 'm', 'Male', 'М']) expect(toSex(v)).toBe('male');
    for (const v of ['ж', 'жін', 'F', 'female']) expect(toSex(v)).toBe('female');
    expect(toSex('x')).toBe('unknown');
    expect(toSex('  ')).toBeUndefined();
  });

  it('gives a numeric РНОКПП its leading zeros back', () => {
    expect(toRnokpp(123456789)).toBe('0123456789');
    expect(toRnokpp('31 234 567 89')).toBe('3123456789');
  });

  it('matches settlement names without their type prefix', () => {
    expect(settlementKey('м. Старобільськ')).toBe('старобільськ');
    expect(settlementKey('с.  Балакирівка')).toBe('балакирівка');
  });
});

describe('header guessing and mapping checks', () => {
  it('guesses Ukrainian and English headers', () => {
    expect(guessMapping(['№', 'Прізвище', 'Ім’я', 'По батькові', 'Дата народження', 'РНОКПП', 'Стать', 'Населений пункт']))
      .toEqual({ lastName: 1, firstName: 2, patronymic: 3, birthDate: 4, rnokpp: 5, sex: 6, settlement: 7 });
    expect(guessMapping(['Surname', 'First name', 'Date of birth', 'E-mail', 'Phone']))
      .toEqual({ lastName: 0, firstName: 1, birthDate: 2, email: 3, phone: 4 });
  });

  it('requires last name, first name and birth date, each column once', () => {
    expect(mappingProblems({ lastName: 0, firstName: 1, birthDate: 2 }, ['a', 'b', 'c'])).toEqual([]);
    expect(mappingProblems({ lastName: 0, firstName: 1 }, ['a', 'b']).map((p) => p.key)).toEqual(['personsImport.mapping.required.birthDate']);
    expect(mappingProblems({ lastName: 0, firstName: 0, birthDate: 5 }, ['a', 'b']).map((p) => p.key))
      .toEqual(['personsImport.mapping.twice', 'personsImport.mapping.noColumn']);
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
  });

  it('detects the delimiter outside quotes', () => {
    expect(detectDelimiter('Прізвище;Ім’я;"a,b"')).toBe(';');
    expect(detectDelimiter('a,b,"c;d"')).toBe(',');
  });
});

describe('export formatting', () => {
  it('neutralises every value a spreadsheet would treat as a formula', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const out = neutralise(s);
      expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
      if (!/^[=+\-@\t\r]/.test(s)) expect(out).toBe(s);
    }));
  });

  it('writes CSV with BOM, semicolons and quoting', () => {
    const csv = toCsv(['a', 'b'], [['=1+2', 'x;y'], ['say "hi"', '@cmd']]).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFa;b\r\n\'=1+2;"x;y"\r\n"say ""hi""";\'@cmd\r\n');
  });
});

describe('dictionaries', () => {
  const flat = (o: Record<string, unknown>, p = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flat(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]);
  const load = (l: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'locales', `${l}.json`), 'utf8')) as Record<string, unknown>;
  const base = (k: string) => k.replace(/_(one|few|many|other)$/, '');

  it('has the same keys in Ukrainian and English (plural forms aside)', () => {
    expect(Object.keys(load('uk'))).toEqual(['personsImport']);
    expect([...new Set(flat(load('uk')).map(base))].sort()).toEqual([...new Set(flat(load('en')).map(base))].sort());
  });

  it('uses all four Ukrainian plural forms', () => {
    const t = translator('uk');
    expect([1, 3, 5, 21, 0].map((count) => t('personsImport.count.created', { count }))).toEqual([
      'Створено 1 особу', 'Створено 3 особи', 'Створено 5 осіб', 'Створено 21 особу', 'Створено 0 осіб']);
  });
});
