/** The domains of the self-assessment, in the questionnaire's order. */
export const DOMAINS = ['governance', 'infrastructure', 'services', 'data', 'skills', 'security'] as const;
export type Domain = (typeof DOMAINS)[number];

/** The answer scale: 0 «немає» … 4 «повністю». */
export const SCORES = [0, 1, 2, 3, 4] as const;

/**
 * The questionnaire a hromada starts with (it edits it afterwards): questions on the plans' own aims — online
 * services, electronic records, data exchange, equipment for outreach, staff skills, protection of personal data.
 */
export const DEFAULT_QUESTIONS: Record<Domain, string[]> = {
  governance: [
    'Установа має затверджений план цифрового розвитку і відповідальну за нього особу',
    'Цифрові інструменти запроваджуються з огляду на потреби отримувачів послуг і відгуки про них',
  ],
  infrastructure: [
    'Робочі місця фахівців забезпечені комп’ютерами з актуальним програмним забезпеченням',
    'Установа має стабільний доступ до інтернету, зокрема у віддалених підрозділах і старостатах',
    'Для виїзної роботи є ноутбуки або планшети («мобільний кейс»)',
  ],
  services: [
    'Отримувачі можуть подати заяву або записатися на прийом онлайн',
    'Отримувачі бачать стан своєї заяви та історію послуг в електронному кабінеті',
    'Консультацію можна отримати дистанційно (телефон, відеозв’язок)',
  ],
  data: [
    'Облік отримувачів і наданих послуг ведеться в електронному реєстрі, а не на папері',
    'Показники плану дій обчислюються з даних реєстру',
    'Установа обмінюється даними з іншими системами (ЦНАП, Пенсійний фонд, освіта, охорона здоров’я)',
  ],
  skills: [
    'Фахівці пройшли навчання з цифрових навичок за останній рік',
    'У штаті або за договором є особа, що підтримує цифрові інструменти',
  ],
  security: [
    'Доступ до персональних даних мають лише ті, кому він потрібен, і кожен доступ фіксується',
    'Облікові записи працівників захищені двофакторною автентифікацією',
    'Є резервні копії даних і порядок дій у разі інциденту',
  ],
};

/** A domain's score: the mean of its answered questions as a share of 4, in whole percent (null when none answered). */
export function domainScore(scores: number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((s, x) => s + x, 0) / scores.length / 4) * 100);
}

/** The overall score: the mean of the domains that have a score. */
export function overallScore(domains: (number | null)[]): number | null {
  const known = domains.filter((x): x is number => x !== null);
  return known.length ? Math.round(known.reduce((s, x) => s + x, 0) / known.length) : null;
}
