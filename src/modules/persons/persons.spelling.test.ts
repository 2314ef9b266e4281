import { describe, expect, it } from 'vitest';
import { parseNameQuery, spellingVariants } from './persons.spelling.js';
import { searchKey } from './identity/index.js';

const keysOf = (q: string) => parseNameQuery(q).words.map((w) => w.keys);

describe('spelling variants of a query', () => {
  it('maps Russian given names and patronymics to the Ukrainian forms', () => {
    expect(keysOf('Сергей Николаевна')).toEqual([
      expect.arrayContaining([searchKey('Сергій')]),
      expect.arrayContaining([searchKey('Миколаївна')]),
    ]);
    expect(spellingVariants('Анна')).toEqual(expect.arrayContaining(['ганна', 'анна']));
  });

  it('turns Russian letters and endings Ukrainian: feminine surnames, ы, ъ, ё, и for і', () => {
    expect(spellingVariants('Григорьева')).toContain('григор’єва');
    expect(spellingVariants('Ковальская')).toContain('ковальська');
    expect(spellingVariants('Лысенко')).toContain('лисенко');
    expect(spellingVariants('Лукъяненко')).toContain('лук’яненко');
    expect(spellingVariants('Фёдор')).toContain('федір');
    expect(spellingVariants('Желива')).toContain('желіва');
  });

  it('takes Г for Ґ and Ґ for Г', () => {
    expect(spellingVariants('Гудзь')).toContain('ґудзь');
    expect(spellingVariants('Ґалаґан')).toContain('галаган');
  });

  it('reads a year among the words as the birth year, not as a word; keeps at most five words', () => {
    expect(parseNameQuery('Коваль Петро 1961')).toEqual({
      words: [
        { key: 'koval', keys: ['koval'] },
        { key: 'petro', keys: ['petro'] },
      ],
      birthYear: 1961,
    });
    expect(parseNameQuery('1961').words).toEqual([]);
    expect(parseNameQuery('Коваль 3000').birthYear).toBeUndefined();
    expect(parseNameQuery('Коваль Петро Іванович Шевченко Марія Ганна Олег').words.length).toBe(5);
    expect(parseNameQuery('Shevchenko Taras').words.map((w) => w.keys)).toEqual([['shevchenko'], ['taras']]);
  });
});
