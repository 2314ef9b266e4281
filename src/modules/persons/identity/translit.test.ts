import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchKey, transliterate } from './translit.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const UKRAINIAN = 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
const ukrainianText = fc.string({
  unit: fc.constantFrom(...Array.from(UKRAINIAN), ' ', '-', "'", '’', 'ʼ', ',', '.'),
  maxLength: 40,
});
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  ukrainianText,
);
const latinText = fc.string({ unit: fc.constantFrom(...Array.from("ABCXYZabcxyzéüß0123456789 -'.,")), maxLength: 40 });

describe('transliterate (КМУ №55, 2010)', () => {
  it.each([
    ['Україна, Хмельницький', 'Ukraina, Khmelnytskyi'],
    ['Єл Їл Юл Ял', 'Yel Yil Yul Yal'],
    ['Згурський', 'Zghurskyi'],
    ['Шевченко Тарас Григорович', 'Shevchenko Taras Hryhorovych'],
  ])('%s → %s', (source, latin) => {
    expect(transliterate(source)).toBe(latin);
  });

  it.each([
    // examples from the resolution's own table
    [
      'Алушта Борщагівка Вінниця Гадяч Згорани Ґалаґан Дон Рівне Єнакієве Гаєвич Короп’є',
      'Alushta Borshchahivka Vinnytsia Hadiach Zghorany Galagan Don Rivne Yenakiieve Haievych Koropie',
    ],
    [
      'Житомир Закарпаття Медвин Михайленко Іванків Іващенко Їжакевич Кадиївка Мар’їне',
      'Zhytomyr Zakarpattia Medvyn Mykhailenko Ivankiv Ivashchenko Yizhakevych Kadyivka Marine',
    ],
    [
      'Йосипівка Стрий Олексій Київ Лебедин Миколаїв Ніжин Одеса Полтава Ромни Суми Тетерів',
      'Yosypivka Stryi Oleksii Kyiv Lebedyn Mykolaiv Nizhyn Odesa Poltava Romny Sumy Teteriv',
    ],
    [
      'Ужгород Фастів Шарків Цюрупинськ Чернівці Шостка Гоща Юрій Корюківка Яготин Ічня',
      'Uzhhorod Fastiv Sharkiv Tsiurupynsk Chernivtsi Shostka Hoshcha Yurii Koriukivka Yahotyn Ichnia',
    ],
    ['Знам’янка Феодосія Русь Рожище', 'Znamianka Feodosiia Rus Rozhyshche'],
  ])('%s', (source, latin) => {
    expect(transliterate(source)).toBe(latin);
  });

  it('drops every kind of apostrophe inside a word and keeps the next letter mid-word', () => {
    expect(transliterate("Мар'яна Мар’яна Марʼяна")).toBe('Mariana Mariana Mariana');
    expect(transliterate('Кам’янець-Подільський')).toBe('Kamianets-Podilskyi');
  });

  it('keeps quotes around words and apostrophes in Latin words', () => {
    expect(transliterate("'Київ' O'Brien")).toBe("'Kyiv' O'Brien");
  });

  it('keeps capitals: a capitalised group, or all capitals in a word written in capitals', () => {
    expect(transliterate('ЩУКА Щука щука Щ.')).toBe('SHCHUKA Shchuka shchuka Shch.');
    expect(transliterate('ШЕВЧЕНКО ЮЛІЯ ЗГУРСЬКИЙ')).toBe('SHEVCHENKO YULIIA ZGHURSKYI');
    expect(transliterate('Я є ЄС')).toBe('Ya ye YES');
  });

  it('treats «зг» as zgh only when з and г are adjacent', () => {
    expect(transliterate('Розгін з гори')).toBe('Rozghin z hory');
  });

  it('never outputs Cyrillic, even for Russian, Belarusian and other letters or stress marks', () => {
    expect(transliterate('Съёмка Ёж Эхо Ыы Ўлад')).toBe('Siomka Yozh Ekho Yy Ulad');
    expect(transliterate('Ѓорѓе')).toBe('Horhe');
    expect(transliterate('Бори́с')).toBe('Borys');
    expect(transliterate('Ӂӏ҂')).toBe('Zh');
    fc.assert(
      fc.property(anyText, (text) => {
        expect(transliterate(text)).not.toMatch(CYRILLIC);
      }),
    );
  });

  it('leaves text without Cyrillic unchanged and is idempotent', () => {
    fc.assert(
      fc.property(latinText, (text) => {
        const nfc = text.normalize('NFC');
        expect(transliterate(nfc)).toBe(nfc);
      }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const once = transliterate(text);
        expect(transliterate(once)).toBe(once);
      }),
    );
  });

  it('treats decomposed й and ї like the composed letters', () => {
    const decomposed = 'Київ Йосип'.normalize('NFD');
    expect(decomposed).toHaveLength(12);
    expect(transliterate(decomposed)).toBe('Kyiv Yosyp');
  });
});

describe('searchKey', () => {
  it('lets Cyrillic and Latin spellings meet', () => {
    expect(searchKey('Шевченко')).toBe(searchKey('Shevchenko'));
    expect(searchKey('Шевченко')).toBe('shevchenko');
    expect(searchKey('  ШЕВЧЕНКО,   Тарас  ')).toBe('shevchenko taras');
    expect(searchKey('Ševčenko')).toBe('shevchenko');
    expect(searchKey('Кам’янець-Подільський')).toBe('kamianets podilskyi');
    expect(searchKey("O'Brien")).toBe('obrien');
    expect(searchKey('Renée')).toBe('renee');
  });

  it('does not merge other variants (left to trigram search)', () => {
    expect(searchKey('Харків')).not.toBe(searchKey('Harkiv'));
    expect(searchKey('Юлія')).not.toBe(searchKey('Yulia'));
  });

  it('of a name equals that of its transliteration', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(searchKey(text)).toBe(searchKey(transliterate(text)));
      }),
    );
  });

  it('is lower case, without Cyrillic, punctuation or repeated spaces', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const key = searchKey(text);
        expect(key).toBe(key.toLowerCase());
        expect(key).not.toMatch(CYRILLIC);
        expect(key).not.toMatch(/^\s|\s$|\s\s|[^\p{L}\p{N} ]/u);
      }),
    );
  });
});
