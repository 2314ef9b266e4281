/**
 * Builds the registry search's recall set: realistic queries as people type them, each with the
 * person it means. `npx tsx bench/search-recall-set.ts > tests/fixtures/search-recall.json`
 * (deterministic: the same file every time). The persons come from the benchmark's generator
 * (bench/generate.ts, its own seed); each query is one way a resident or a worker writes that
 * person's name: with the Russian forms of the given name and patronymic (Сергей Николаевич),
 * a Russian spelling of the surname (Лысенко, Белоус, Лукьяненко, Осадчая, Ковальская), Г for Ґ,
 * a birth year among the words, or several of these at once.
 *
 * The Russian forms here are written for this set (Ukrainian → Russian), not read from the search's
 * own list (src/modules/persons/data/russian-names.json), so the set checks the search rather
 * than repeating it.
 */
import { generatePersons, type GeneratedPerson } from './generate.js';
import { seededRandom } from './data/names.js';

const RU_GIVEN: Record<string, string> = {
  Олександр: 'Александр',
  Сергій: 'Сергей',
  Володимир: 'Владимир',
  Андрій: 'Андрей',
  Микола: 'Николай',
  Іван: 'Иван',
  Віктор: 'Виктор',
  Василь: 'Василий',
  Юрій: 'Юрий',
  Олег: 'Олег',
  Дмитро: 'Дмитрий',
  Петро: 'Пётр',
  Михайло: 'Михаил',
  Анатолій: 'Анатолий',
  Віталій: 'Виталий',
  Григорій: 'Григорий',
  Ігор: 'Игорь',
  Максим: 'Максим',
  Павло: 'Павел',
  Богдан: 'Богдан',
  Тарас: 'Тарас',
  Роман: 'Роман',
  Степан: 'Степан',
  Ярослав: 'Ярослав',
  Валерій: 'Валерий',
  Леонід: 'Леонид',
  Артем: 'Артём',
  Денис: 'Денис',
  Євген: 'Евгений',
  Костянтин: 'Константин',
  Федір: 'Фёдор',
  Борис: 'Борис',
  Вадим: 'Вадим',
  Руслан: 'Руслан',
  Станіслав: 'Станислав',
  Назар: 'Назар',
  Остап: 'Остап',
  Данило: 'Даниил',
  Матвій: 'Матвей',
  Тимофій: 'Тимофей',
  Олена: 'Елена',
  Наталія: 'Наталья',
  Тетяна: 'Татьяна',
  Ірина: 'Ирина',
  Світлана: 'Светлана',
  Оксана: 'Оксана',
  Людмила: 'Людмила',
  Валентина: 'Валентина',
  Галина: 'Галина',
  Ганна: 'Анна',
  Марія: 'Мария',
  Юлія: 'Юлия',
  Надія: 'Надежда',
  Ольга: 'Ольга',
  Любов: 'Любовь',
  Лариса: 'Лариса',
  Катерина: 'Екатерина',
  Вікторія: 'Виктория',
  Алла: 'Алла',
  Віра: 'Вера',
  Інна: 'Инна',
  Лілія: 'Лилия',
  Анастасія: 'Анастасия',
  Дарія: 'Дарья',
  Софія: 'Софья',
  Христина: 'Кристина',
  Зоряна: 'Зоряна',
  Леся: 'Леся',
  Раїса: 'Раиса',
  Ніна: 'Нина',
  Євгенія: 'Евгения',
  Яна: 'Яна',
  Поліна: 'Полина',
  Мирослава: 'Мирослава',
  Соломія: 'Соломия',
  Уляна: 'Ульяна',
  Василина: 'Василиса',
  Ярина: 'Ярина',
  Злата: 'Злата',
  Аліна: 'Алина',
};

/** The Russian patronymic of a Ukrainian one (by the father's name in it). */
const RU_PATRONYMIC_STEM: [RegExp, string][] = [
  [/^Олександр/, 'Александр'],
  [/^Сергі/, 'Серге'],
  [/^Володимир/, 'Владимир'],
  [/^Андрі/, 'Андре'],
  [/^Миколаї|^Миколай/, 'Николае'],
  [/^Іван/, 'Иван'],
  [/^Віктор/, 'Виктор'],
  [/^Васил/, 'Васильев'],
  [/^Юрі/, 'Юрьев'],
  [/^Олег/, 'Олег'],
  [/^Дмитр/, 'Дмитриев'],
  [/^Петр/, 'Петр'],
  [/^Михайл/, 'Михайл'],
  [/^Анатолі/, 'Анатольев'],
  [/^Віталі/, 'Витальев'],
  [/^Григор/, 'Григорьев'],
  [/^Ігор/, 'Игорев'],
  [/^Максим/, 'Максим'],
  [/^Павл/, 'Павл'],
  [/^Богдан/, 'Богдан'],
  [/^Тарас/, 'Тарас'],
  [/^Роман/, 'Роман'],
  [/^Степан/, 'Степан'],
  [/^Ярослав/, 'Ярослав'],
  [/^Валері/, 'Валерьев'],
  [/^Леонід/, 'Леонид'],
  [/^Артем/, 'Артём'],
  [/^Денис/, 'Денис'],
  [/^Євген/, 'Евгеньев'],
  [/^Костянтин/, 'Константин'],
  [/^Федор/, 'Фёдор'],
  [/^Борис/, 'Борис'],
  [/^Вадим/, 'Вадим'],
  [/^Руслан/, 'Руслан'],
  [/^Станіслав/, 'Станислав'],
  [/^Назар/, 'Назар'],
  [/^Остап/, 'Остап'],
  [/^Данил/, 'Данил'],
  [/^Матві/, 'Матвеев'],
  [/^Тимофі/, 'Тимофеев'],
];
function ruPatronymic(uk: string, sex: 'male' | 'female'): string {
  for (const [re, stem] of RU_PATRONYMIC_STEM) {
    if (!re.test(uk)) continue;
    // «-ев» stems (Васильев-, Юрьев-) take «-ич/-на»; «-е» stems (Серге-, Андре-) «-евич/-евна»; others «-ович/-овна».
    if (stem.endsWith('ев')) return stem + (sex === 'male' ? 'ич' : 'на');
    if (stem.endsWith('е')) return stem + (sex === 'male' ? 'евич' : 'евна');
    return stem + (sex === 'male' ? 'ович' : 'овна');
  }
  return uk;
}

/** A Russian spelling of a Ukrainian surname, as a Russian-speaking clerk or resident writes it. */
function ruSurname(uk: string): string {
  let s = uk
    .replace(/ська$/, 'ская')
    .replace(/цька$/, 'цкая')
    .replace(/ський$/, 'ский')
    .replace(/цький$/, 'цкий')
    .replace(/ча$/, 'чая')
    .replace(/’я/g, 'ья')
    .replace(/’є/g, 'ье')
    .replace(/’ю/g, 'ью')
    .replace(/’ї/g, 'ьи')
    .replace(/Ґ/g, 'Г')
    .replace(/ґ/g, 'г')
    .replace(/Є/g, 'Е')
    .replace(/є/g, 'е')
    .replace(/Ї/g, 'И')
    .replace(/ї/g, 'и')
    .replace(/ій/g, 'ей')
    .replace(/^Бі/, 'Бе');
  // Where Russian writes «ы» or «ь» for the Ukrainian «и» or nothing (Лисенко → Лысенко, Дяченко → Дьяченко).
  s = s.replace(/^Лис/, 'Лыс').replace(/^Риб/, 'Рыб').replace(/^Сир/, 'Сыр').replace(/^Дяч/, 'Дьяч');
  return s.replace(/і/g, 'и').replace(/І/g, 'И');
}

type Kind =
  | 'ruGiven'
  | 'ruGivenPatronymic'
  | 'ruSurname'
  | 'ruFeminineSurname'
  | 'gheAsHe'
  | 'yearToken'
  | 'ruWithYear'
  | 'allRussian';

function query(p: GeneratedPerson, kind: Kind, rnd: () => number): string {
  const year = p.birthDate.slice(0, 4);
  const given = RU_GIVEN[p.firstName] ?? p.firstName;
  const order = rnd() < 0.3 ? (a: string, b: string) => `${b} ${a}` : (a: string, b: string) => `${a} ${b}`;
  switch (kind) {
    case 'ruGiven':
      return order(p.lastName, given);
    case 'ruGivenPatronymic':
      return `${p.lastName} ${given} ${ruPatronymic(p.patronymic, p.sex)}`;
    case 'ruSurname':
      return `${ruSurname(p.lastName)} ${p.firstName} ${p.patronymic}`;
    case 'ruFeminineSurname':
      return order(ruSurname(p.lastName), given);
    case 'gheAsHe':
      return `${p.lastName.replace(/Ґ/g, 'Г').replace(/ґ/g, 'г')} ${p.firstName}${rnd() < 0.5 ? ` ${year}` : ''}`;
    case 'yearToken':
      return rnd() < 0.5 ? `${p.lastName} ${p.firstName} ${year}` : `${year} ${p.lastName} ${p.firstName}`;
    case 'ruWithYear':
      return `${p.lastName} ${given} ${year}`;
    case 'allRussian':
      return `${ruSurname(p.lastName)} ${given} ${ruPatronymic(p.patronymic, p.sex)} ${year}`;
  }
}

const KINDS: [Kind, (p: GeneratedPerson) => boolean][] = [
  ['ruGiven', (p) => RU_GIVEN[p.firstName] !== undefined && RU_GIVEN[p.firstName] !== p.firstName],
  [
    'ruGivenPatronymic',
    (p) => RU_GIVEN[p.firstName] !== p.firstName && ruPatronymic(p.patronymic, p.sex) !== p.patronymic,
  ],
  ['ruSurname', (p) => ruSurname(p.lastName) !== p.lastName],
  [
    'ruFeminineSurname',
    (p) =>
      p.sex === 'female' &&
      /(ська|цька|ча|на|ова|ева|єва|іна)$/.test(p.lastName) &&
      ruSurname(p.lastName) !== p.lastName,
  ],
  ['gheAsHe', (p) => /[Ґґ]/.test(p.lastName)],
  ['yearToken', () => true],
  ['ruWithYear', (p) => RU_GIVEN[p.firstName] !== p.firstName],
  ['allRussian', (p) => ruSurname(p.lastName) !== p.lastName && RU_GIVEN[p.firstName] !== p.firstName],
];
const PER_KIND = 30;

export interface RecallCase {
  kind: Kind;
  q: string;
  person: { lastName: string; firstName: string; patronymic: string; birthDate: string; sex: 'female' | 'male' };
}

export function buildRecallSet(): RecallCase[] {
  const rnd = seededRandom(20261202);
  const out: RecallCase[] = [];
  const used = new Set<string>();
  const pool = [...generatePersons(60_000, ['A', 'B'], 4242)];
  for (const [kind, fits] of KINDS) {
    let n = 0;
    const rare = kind === 'gheAsHe'; // few surnames have Ґ: every person of the pool is looked at
    for (
      let i = Math.floor(rnd() * 1000);
      i < pool.length * 2 && n < PER_KIND;
      i += rare ? 1 : 1 + Math.floor(rnd() * 40)
    ) {
      const p = pool[i % pool.length];
      const key = `${p.lastName}|${p.firstName}|${p.birthDate}`;
      if (used.has(key) || !fits(p)) continue;
      used.add(key);
      out.push({
        kind,
        q: query(p, kind, rnd),
        person: {
          lastName: p.lastName,
          firstName: p.firstName,
          patronymic: p.patronymic,
          birthDate: p.birthDate,
          sex: p.sex,
        },
      });
      n++;
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(buildRecallSet(), null, 1)}\n`);
}
