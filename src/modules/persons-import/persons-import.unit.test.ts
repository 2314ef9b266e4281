import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { guessMapping, columnLetter } from './import.fields.js';
import { toIsoDate, toSex, toRnokpp, settlementKey } from './import.values.js';
import { detectDelimiter } from './import.files.js';
import { neutralise, toCsv } from '../../platform/spreadsheet.js';
import { mappingProblems } from './import.mapping.js';
import { translator } from '../../platform/i18n.js';
import { transliterate } from '../persons/identity/index.js';
import { nameTokens } from '../persons/persons.tokens.js';
import { NameEncoder } from './import.names.js';
import { householdCell, HouseholdPlan, toRelation } from './import.households.js';
import { batchCount, batchReason, shownReason } from '../audit/audit.batch.js';

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
    expect(
      guessMapping(['№', 'Прізвище', 'Ім’я', 'По батькові', 'Дата народження', 'РНОКПП', 'Стать', 'Населений пункт']),
    ).toEqual({ lastName: 1, firstName: 2, patronymic: 3, birthDate: 4, rnokpp: 5, sex: 6, settlement: 7 });
    expect(guessMapping(['Surname', 'First name', 'Date of birth', 'E-mail', 'Phone'])).toEqual({
      lastName: 0,
      firstName: 1,
      birthDate: 2,
      email: 3,
      phone: 4,
    });
  });

  it('requires last name, first name and birth date, each column once', () => {
    expect(mappingProblems({ lastName: 0, firstName: 1, birthDate: 2 }, ['a', 'b', 'c'])).toEqual([]);
    expect(mappingProblems({ lastName: 0, firstName: 1 }, ['a', 'b']).map((p) => p.key)).toEqual([
      'personsImport.mapping.required.birthDate',
    ]);
    expect(mappingProblems({ lastName: 0, firstName: 0, birthDate: 5 }, ['a', 'b']).map((p) => p.key)).toEqual([
      'personsImport.mapping.twice',
      'personsImport.mapping.noColumn',
    ]);
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
  });

  it('detects the delimiter outside quotes', () => {
    expect(detectDelimiter('Прізвище;Ім’я;"a,b"')).toBe(';');
    expect(detectDelimiter('a,b,"c;d"')).toBe(',');
  });
});

describe('name encodings reused within an import', () => {
  const part = fc.oneof(
    fc.constantFrom(
      'Шевченко',
      'Ївга',
      'Юрій',
      'ЩУР',
      'Зґурський',
      'Д’Артаньян',
      "О'Брайен",
      'Ярема-Ястремська',
      'ван дер Берг',
      'Ёлка',
      'Йосип',
      'Згода',
      ' з пробілом ',
      'Ї́жак',
      'É',
      '’Ян',
      'Степанівна',
    ),
    fc.string({ unit: fc.constantFrom(..."абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГЄЇЙЮЯЩ’'- ́".split('')), maxLength: 12 }),
    fc.string({ maxLength: 8 }),
  );
  it('gives the same tokens and Latin name as the registry, part by part', () => {
    const names = new NameEncoder();
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), (a, b, c) => {
        expect(names.tokens(a, b, c)).toEqual(nameTokens(a, b, c));
        expect(names.latinName(a, b, c)).toBe(transliterate([a, b, c].filter(Boolean).join(' ')));
        expect(names.tokens(a, b, c)).toEqual(nameTokens(a, b, c)); // again, from the cache
      }),
      { numRuns: 2000 },
    );
  });
});

describe('household columns', () => {
  it('reads relations in the usual Ukrainian and English spellings', () => {
    expect(
      [
        'Голова',
        'голова ',
        'Чоловік / дружина',
        'дружина',
        'Дочка.',
        'син',
        'батько/мати',
        'Мати',
        'опікун',
        'Підопічний(-а)',
        'брат / сестра',
        'бабуся',
        'онука',
        'інше',
        'spouse',
        'Head',
      ].map(toRelation),
    ).toEqual([
      'head',
      'head',
      'spouse',
      'spouse',
      'child',
      'child',
      'parent',
      'parent',
      'guardian',
      'ward',
      'sibling',
      'grandparent',
      'grandchild',
      'other',
      'spouse',
      'head',
    ]);
    expect(toRelation('сусід')).toBeNull();
    expect(householdCell('', '')).toBeNull();
    expect(householdCell(' HH 1 ', 'дитина')).toEqual({ key: 'HH 1', relation: 'child', problem: null });
    expect(householdCell(17, undefined)).toEqual({ key: '17', relation: null, problem: 'missing' });
    expect(householdCell('A', 'кум')).toEqual({ key: 'A', relation: null, problem: 'unknown' });
    expect(householdCell(null, 'голова')).toEqual({ key: null, relation: 'head', problem: null });
  });

  const plan = (rows: [number, string | null, string, string | null][], resolve: Record<number, string>) => {
    const p = new HouseholdPlan({ householdKey: 10, relation: 11, settlement: 7 });
    for (const [rowNo, key, rel, place] of rows) p.add(rowNo, householdCell(key, rel)!, place);
    for (const [rowNo, id] of Object.entries(resolve)) p.resolve(Number(rowNo), id);
    return p;
  };
  const S = 'UA44140110010014704';

  it('puts the head first and accepts a well-formed household', () => {
    const { ready, issues, rejected } = plan(
      [
        [2, 'A', 'дитина', S],
        [3, 'A', 'голова', S],
        [4, 'A', 'дружина', null],
      ],
      { 2: 'c', 3: 'h', 4: 's' },
    ).check();
    expect(issues).toEqual([]);
    expect(rejected).toBe(0);
    expect(ready).toEqual([
      {
        firstRow: 2,
        members: [
          { rowNo: 3, personId: 'h', relation: 'head' },
          { rowNo: 2, personId: 'c', relation: 'child' },
          { rowNo: 4, personId: 's', relation: 'spouse' },
        ],
      },
    ]);
  });

  it('reports each problem at its row and column and creates none of those households', () => {
    const p = plan(
      [
        [2, 'A', 'голова', S],
        [3, 'A', 'голова', S], // two heads
        [4, 'B', 'дитина', S],
        [5, 'B', 'дружина', S], // no head
        [6, 'C', 'голова', S],
        [7, 'C', 'кум', S], // unknown relation
        [8, 'D', 'голова', S],
        [9, 'D', 'дитина', 'UA44140110020068530'], // another settlement
        [10, 'E', 'голова', S],
        [11, 'E', 'дитина', S], // row 11 not imported
        [12, null, 'дитина', S], // relation without a key
      ],
      { 2: 'a', 3: 'b', 4: 'c', 5: 'd', 6: 'e', 7: 'f', 8: 'g', 9: 'h', 10: 'i' },
    );
    p.repeat(13, 10);
    p.add(13, householdCell('F', 'голова')!, S);
    p.add(14, householdCell('F', 'чоловік')!, S);
    p.repeat(14, 10); // the same person twice
    const { ready, issues, rejected } = p.check();
    expect(ready).toEqual([]);
    expect(rejected).toBe(6);
    expect(issues.map((i) => [i.rowNo, i.column, i.message.replace('personsImport.household.', ''), i.params])).toEqual(
      [
        [12, 10, 'noKey', undefined],
        [3, 11, 'twoHeads', { row: 2 }],
        [4, 10, 'noHead', { rows: '4, 5' }],
        [7, 11, 'relationUnknown', undefined],
        [9, 7, 'otherSettlement', { row: 8 }],
        [11, 10, 'memberNotImported', undefined],
        [14, 10, 'samePerson', { row: 13 }],
      ],
    );
    expect(issues.every((i) => i.kind === 'household')).toBe(true);
  });

  it('requires the household code and the relation together in the mapping', () => {
    const base = { lastName: 0, firstName: 1, birthDate: 2 };
    expect(mappingProblems({ ...base, householdKey: 3, relation: 4 }, ['a', 'b', 'c', 'd', 'e'])).toEqual([]);
    expect(mappingProblems({ ...base, householdKey: 3 }, ['a', 'b', 'c', 'd']).map((p) => [p.field, p.key])).toEqual([
      ['map_relation', 'personsImport.mapping.householdRelation'],
    ]);
    expect(mappingProblems({ ...base, relation: 3 }, ['a', 'b', 'c', 'd']).map((p) => [p.field, p.key])).toEqual([
      ['map_householdKey', 'personsImport.mapping.householdKey'],
    ]);
    expect(guessMapping(['Прізвище', 'Ім’я', 'Дата народження', 'Код домогосподарства', 'Стосунок до голови'])).toEqual(
      { lastName: 0, firstName: 1, birthDate: 2, householdKey: 3, relation: 4 },
    );
  });
});

describe('audit entries naming a batch of records', () => {
  it('keeps the ids in the reason and shows only their number', () => {
    const r = batchReason(['a1', 'b2', 'c3']);
    expect(r).toBe('count:3;ids:a1,b2,c3');
    expect(shownReason(r)).toBe('count:3');
    expect(batchCount(r)).toBe(3);
    expect(shownReason('results:5')).toBe('results:5');
    expect(batchCount('results:5')).toBeNull();
    expect(shownReason(null)).toBeNull();
  });
});

describe('export formatting', () => {
  it('neutralises every value a spreadsheet would treat as a formula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = neutralise(s);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
        if (!/^[=+\-@\t\r]/.test(s)) expect(out).toBe(s);
      }),
    );
  });

  it('writes CSV with BOM, semicolons and quoting', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['=1+2', 'x;y'],
        ['say "hi"', '@cmd'],
      ],
    ).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFa;b\r\n\'=1+2;"x;y"\r\n"say ""hi""";\'@cmd\r\n');
  });
});

describe('dictionaries', () => {
  const flat = (o: Record<string, unknown>, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? flat(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`],
    );
  const load = (l: string) =>
    JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'locales', `${l}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  const base = (k: string) => k.replace(/_(one|few|many|other)$/, '');

  it('has the same keys in Ukrainian and English (plural forms aside)', () => {
    expect(Object.keys(load('uk'))).toEqual(['personsImport']);
    expect([...new Set(flat(load('uk')).map(base))].sort()).toEqual([...new Set(flat(load('en')).map(base))].sort());
  });

  it('uses all four Ukrainian plural forms', () => {
    const t = translator('uk');
    expect([1, 3, 5, 21, 0].map((count) => t('personsImport.count.created', { count }))).toEqual([
      'Створено 1 особу',
      'Створено 3 особи',
      'Створено 5 осіб',
      'Створено 21 особу',
      'Створено 0 осіб',
    ]);
  });
});
