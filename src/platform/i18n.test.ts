import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { addMessages, formatDate, translator, compareUk, dictionaries, LOCALES } from './i18n.js';

describe('i18n', () => {
  it('uses Ukrainian plural forms', () => {
    const t = translator('uk');
    expect(t('count.records', { count: 1 })).toBe('1 запис');
    expect(t('count.records', { count: 3 })).toBe('3 записи');
    expect(t('count.records', { count: 5 })).toBe('5 записів');
    expect(t('count.records', { count: 21 })).toBe('21 запис');
  });
  it('keeps a text asked for by key alone, and forgets it when messages are added', () => {
    const t = translator('uk');
    expect(t('errors.validation')).toBe(t('errors.validation', {}));
    expect(t('i18nTest.greeting')).toBe('i18nTest.greeting');
    addMessages('i18nTest', { uk: { greeting: 'Вітаємо, {name}' }, en: { greeting: 'Hello, {name}' } });
    expect(t('i18nTest.greeting', { name: 'Олено' })).toBe('Вітаємо, Олено');
    expect(t('i18nTest.greeting')).toBe('Вітаємо, {{name}}');
    expect(translator('en')('i18nTest.greeting', { name: 'Olena' })).toBe('Hello, Olena');
    expect(t('count.records', { count: 3 })).toBe('3 записи');
  });
  it('formats dates as дд.мм.рррр', () => {
    expect(formatDate(new Date('2026-03-05T12:00:00Z'))).toBe('05.03.2026');
  });
  it('sorts Cyrillic the Ukrainian way', () => {
    expect(['Ярема', 'Ґава', 'Їжак', 'Гнат', 'Євген', 'Дмитро', 'Іван'].sort(compareUk)).toEqual([
      'Гнат',
      'Ґава',
      'Дмитро',
      'Євген',
      'Іван',
      'Їжак',
      'Ярема',
    ]);
  });
  it('has the same keys in English as in Ukrainian', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]: [string, unknown]) =>
        typeof v === 'object' && v !== null ? keys(v, `${p}${k}.`) : [`${p}${k}`.replace(/_(one|few|many|other)$/, '')],
      );
    const uk = new Set(keys(dictionaries.uk));
    const en = new Set(keys(dictionaries.en));
    expect(uk.size).toBeGreaterThan(50);
    expect([...uk].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !uk.has(k))).toEqual([]);
  });
  it('puts values into texts exactly as i18next does, for every text with placeholders in both languages', async () => {
    const reference = i18next.createInstance();
    await reference.init({
      lng: 'uk',
      fallbackLng: 'uk',
      supportedLngs: [...LOCALES],
      resources: { uk: { translation: dictionaries.uk }, en: { translation: dictionaries.en } },
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    const leaves = (o: object, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]: [string, unknown]) =>
        typeof v === 'object' && v !== null ? leaves(v, `${p}${k}.`) : [[`${p}${k}`, String(v)] as [string, string]],
      );
    let compared = 0;
    for (const locale of LOCALES) {
      const t = translator(locale);
      const ref = reference.getFixedT(locale);
      for (const [key, text] of leaves(dictionaries[locale])) {
        const names = [...text.matchAll(/\{\{-?\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        if (names.length === 0 && !/_(one|other)$/.test(key)) continue;
        const plain = key.replace(/_(zero|one|two|few|many|other)$/, '');
        // Texts, numbers, a value with markup and braces in it, and one value missing.
        const vars = Object.fromEntries(names.map((n, i) => [n, i % 3 === 1 ? 42 + i : `<b>${n}</b> {{${n}}} & «ї»`]));
        expect(t(plain, vars), key).toBe(ref(plain, vars));
        const { [names[0]]: _missing, ...fewer } = vars;
        expect(t(plain, fewer), key).toBe(ref(plain, fewer));
        for (const count of [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1.5])
          expect(t(plain, { ...vars, count }), `${key} ${count}`).toBe(ref(plain, { ...vars, count }));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
    // Texts only in Ukrainian fall back to it; texts added in code too.
    expect(translator('en')('i18nTest.absent', { name: 'x' })).toBe(
      reference.getFixedT('en')('i18nTest.absent', { name: 'x' }),
    );
    addMessages('i18nTest', { uk: { twice: '{a} і {a}, {b}' }, en: { twice: '{a} and {a}, {b}' } });
    expect(translator('uk')('i18nTest.twice', { a: 'раз', b: 2 })).toBe('раз і раз, 2');
    expect(translator('en')('i18nTest.twice', { a: 'one', b: 0 })).toBe('one and one, 0');
    // A form for zero is i18next's to choose.
    addMessages('i18nTest', {
      uk: {
        n_zero: 'жодного',
        n_one: '{count} запис',
        n_few: '{count} записи',
        n_many: '{count} записів',
        n_other: '{count} запису',
      },
      en: { n_zero: 'none', n_one: '{count} record', n_other: '{count} records' },
    });
    expect([0, 1, 3, 5, 1.5].map((count) => translator('uk')('i18nTest.n', { count }))).toEqual([
      'жодного',
      '1 запис',
      '3 записи',
      '5 записів',
      '1.5 запису',
    ]);
  });
});
