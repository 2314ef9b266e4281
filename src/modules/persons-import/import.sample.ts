import { makeRnokpp } from '../persons/identity/index.js';

/**
 * Realistic rows of an import file (for tests and the benchmark): Ukrainian names, birth dates
 * 1930–2009, valid РНОКПП consistent with birth date and sex, settlements of the demo hromada by
 * code or by name. Row `i` is unique by РНОКПП and by name + birth date for any i < 2·10⁶.
 */
const SURNAMES = [
  'Шевченко',
  'Коваленко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Шевчук',
  'Поліщук',
  'Лисенко',
  'Руденко',
  'Мельничук',
  'Марченко',
  'Савченко',
  'Петренко',
  'Клименко',
  'Павленко',
  'Романюк',
  'Кушнір',
  'Мартинюк',
  'Гончаренко',
  'Захарченко',
  'Левченко',
  'Ковальчук',
  'Тимошенко',
  'Пономаренко',
  'Кириленко',
  'Остапчук',
  'Ігнатенко',
  'Гаврилюк',
  'Дмитренко',
  'Юрченко',
  'Федоренко',
  'Їжакевич',
  'Єременко',
  'Гнатюк',
  'Денисенко',
  'Семенко',
  'Литвиненко',
  'Прокопенко',
  'Карпенко',
  'Нестеренко',
];
const MALE = [
  ['Іван', 'Іванович'],
  ['Петро', 'Петрович'],
  ['Олександр', 'Олександрович'],
  ['Микола', 'Миколайович'],
  ['Василь', 'Васильович'],
  ['Андрій', 'Андрійович'],
  ['Сергій', 'Сергійович'],
  ['Тарас', 'Тарасович'],
  ['Юрій', 'Юрійович'],
  ['Богдан', 'Богданович'],
  ['Григорій', 'Григорович'],
];
const FEMALE = [
  ['Олена', 'Іванівна'],
  ['Марія', 'Петрівна'],
  ['Ганна', 'Олександрівна'],
  ['Ольга', 'Миколаївна'],
  ['Наталія', 'Василівна'],
  ['Тетяна', 'Андріївна'],
  ['Ірина', 'Сергіївна'],
  ['Оксана', 'Тарасівна'],
  ['Людмила', 'Юріївна'],
  ['Галина', 'Богданівна'],
  ['Валентина', 'Григорівна'],
];
const DAYS = 29_219; // 1930-01-01 … 2009-12-31
const PLACES = ['UA44140110010014704', 'Балакирівка', 'м. Старобільськ', 'UA44140110020068530'];

export const SAMPLE_HEADER = [
  'Прізвище',
  'Ім’я',
  'По батькові',
  'Дата народження',
  'Стать',
  'РНОКПП',
  'Телефон',
  'Населений пункт',
  'Вулиця',
  'Будинок',
];

export interface SampleRow {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
  rnokpp: string;
  phone: string;
  settlement: string;
  street: string;
  house: string;
}

export function sampleRow(i: number): SampleRow {
  const day = i % DAYS;
  const date = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const sex = Math.floor(i / DAYS) % 2 === 0 ? (i % 2 === 0 ? 'male' : 'female') : i % 2 === 0 ? 'female' : 'male';
  const names = sex === 'male' ? MALE : FEMALE;
  const [firstName, patronymic] = names[Math.floor(i / SURNAMES.length) % names.length];
  return {
    lastName: SURNAMES[i % SURNAMES.length],
    firstName,
    patronymic,
    birthDate: date,
    sex,
    rnokpp: makeRnokpp(date, sex, Math.floor(i / DAYS) % 5000),
    phone: `+38050${String(1000000 + (i % 9000000)).slice(-7)}`,
    settlement: PLACES[i % PLACES.length],
    street: 'вул. Миру',
    house: String(1 + (i % 120)),
  };
}

/** A row as a CSV line: dates as дд.мм.рррр, sex as ч/ж. */
export function sampleCells(r: SampleRow): string[] {
  const [y, m, d] = r.birthDate.split('-');
  return [
    r.lastName,
    r.firstName,
    r.patronymic,
    `${d}.${m}.${y}`,
    r.sex === 'male' ? 'ч' : 'ж',
    r.rnokpp,
    r.phone,
    r.settlement,
    r.street,
    r.house,
  ];
}

const field = (v: string, sep: string) =>
  v.includes(sep) || v.includes('"') || /[\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** CSV text of a header and rows. */
export function csvText(rows: string[][], sep = ';'): string {
  return rows.map((r) => r.map((v) => field(v, sep)).join(sep)).join('\r\n') + '\r\n';
}
