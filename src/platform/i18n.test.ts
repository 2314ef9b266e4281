import { describe, expect, it } from 'vitest';
import { addMessages, formatDate, translator, compareUk, dictionaries } from './i18n.js';

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
});
