import { DOC, LAW, crisisSteps, oneOffSteps, standardSteps, type SeedService } from './seed-types.js';

const DISABILITY = ['disability_1', 'disability_1a', 'disability_2', 'disability_3'];
const ALL: SeedService['channels'] = ['online', 'front_office', 'starosta'];
const DIFF_TARIFF =
  'Безоплатно для осіб, середньомісячний дохід яких нижчий за два прожиткові мінімуми; для інших — ' +
  'за диференційованою платою залежно від доходу, за тарифами, затвердженими виконавчим комітетом';

/** The 16 basic social services of the Law (art. 16), as demo catalogue data. */
export const BASIC_SERVICES: SeedService[] = [
  {
    key: 'home_care',
    code: '015.1',
    name: 'Догляд вдома',
    nameEn: 'Home care',
    description:
      'Соціальний робітник приходить додому і допомагає з тим, що людині важко зробити самій: купити продукти й ліки, ' +
      'приготувати їжу, прибрати, оплатити комунальні послуги. Графік відвідувань узгоджуємо з вами.',
    recipients:
      'Люди похилого віку, особи з інвалідністю, хворі, які через стан здоров’я не можуть самі себе обслуговувати.',
    conditions: 'Потребу в догляді підтверджує оцінювання потреб і висновок лікаря.',
    categories: ['elderly_alone', ...DISABILITY],
    minAge: 18,
    cost: 'differentiated',
    tariff: DIFF_TARIFF,
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт догляду вдома`,
    documents: [DOC.application, DOC.passport, DOC.doctor, DOC.registered, DOC.income],
    steps: standardSteps(10, 'територіальний центр'),
    providers: ['tercentr'],
  },
  {
    key: 'day_care',
    code: '015.3',
    name: 'Денний догляд',
    nameEn: 'Day care',
    description:
      'Відділення денного перебування, де вдень можна поспілкуватися, поїсти, зайнятися творчістю та отримати допомогу. ' +
      'Увечері людина повертається додому, а родина має час для роботи.',
    recipients: 'Люди похилого віку та особи з інвалідністю, які частково втратили здатність до самообслуговування.',
    categories: ['elderly_alone', ...DISABILITY],
    minAge: 18,
    cost: 'differentiated',
    tariff: DIFF_TARIFF,
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт денного догляду`,
    documents: [DOC.application, DOC.passport, DOC.doctor, DOC.income],
    steps: standardSteps(10, 'територіальний центр'),
    providers: ['tercentr'],
  },
  {
    key: 'supported_living',
    code: '009.1',
    name: 'Підтримане проживання',
    nameEn: 'Supported living',
    description:
      'Людина живе у своєму або соціальному житлі, а фахівець допомагає вести господарство, розпоряджатися грошима ' +
      'й користуватися послугами громади. Мета — самостійне життя без інтернату.',
    recipients:
      'Молоді люди з інвалідністю, випускники інтернатних закладів, люди похилого віку, які можуть жити самостійно з підтримкою.',
    categories: [...DISABILITY, 'orphan', 'elderly_alone'],
    minAge: 16,
    cost: 'free',
    channels: ['front_office', 'starosta'],
    legalBasis: `${LAW}; Державний стандарт підтриманого проживання`,
    documents: [DOC.application, DOC.passport, DOC.disability, DOC.registered],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css', 'tercentr'],
  },
  {
    key: 'palliative',
    code: null,
    name: 'Паліативний догляд',
    nameEn: 'Palliative care',
    description:
      'Догляд удома за людиною з тяжкою невиліковною хворобою: допомога з гігієною, годуванням, зміною положення тіла, ' +
      'підтримка родини. Працюємо разом із медиками, які призначають лікування болю.',
    recipients: 'Люди з невиліковними хворобами та їхні родини.',
    categories: [],
    cost: 'free',
    channels: ALL,
    days: 1,
    conditions: 'Під час воєнного стану рішення ухвалюють протягом 1 робочого дня.',
    legalBasis: `${LAW}; Державний стандарт паліативного догляду`,
    documents: [DOC.application, DOC.passport, ['Медичний висновок про потребу в паліативній допомозі']],
    steps: standardSteps(1, 'територіальний центр'),
    providers: ['tercentr'],
  },
  {
    key: 'in_kind',
    code: null,
    name: 'Натуральна допомога',
    nameEn: 'In-kind assistance',
    description:
      'Продуктові та гігієнічні набори, одяг, взуття, засоби для догляду за дітьми, паливо. ' +
      'Допомогу видаємо в пункті громади або привозимо додому, якщо людина не може прийти.',
    recipients:
      'Сім’ї та особи у складних життєвих обставинах, внутрішньо переміщені особи, самотні люди похилого віку.',
    categories: ['difficult_circumstances', 'idp', 'elderly_alone', 'large_family'],
    cost: 'free',
    channels: ALL,
    legalBasis: LAW,
    documents: [DOC.application, DOC.passport, DOC.registered],
    steps: standardSteps(10, 'управління соціального захисту'),
    providers: ['uszn', 'tercentr'],
  },
  {
    key: 'social_support',
    code: null,
    name: 'Соціальний супровід',
    nameEn: 'Social support',
    description:
      'Фахівець регулярно працює із сім’єю, яка опинилася у складних обставинах: разом складаєте план, ' +
      'вирішуєте проблеми з документами, роботою, навчанням дітей і доступом до інших послуг.',
    recipients: 'Сім’ї з дітьми у складних життєвих обставинах, прийомні сім’ї, ветерани та їхні родини.',
    categories: ['difficult_circumstances', 'large_family', 'orphan', 'veteran'],
    cost: 'free',
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт соціального супроводу сімей`,
    documents: [DOC.application, DOC.passport, DOC.registered, DOC.birth],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css'],
  },
  {
    key: 'consulting',
    code: '002.0',
    name: 'Консультування',
    nameEn: 'Counselling',
    description:
      'Розмова з фахівцем — соціальним працівником, психологом або юристом — про вашу ситуацію та шляхи її розв’язання. ' +
      'Можна прийти особисто, зателефонувати або отримати консультацію онлайн.',
    recipients: 'Будь-хто, хто потребує поради чи психологічної підтримки.',
    categories: [],
    cost: 'free',
    channels: ALL,
    days: 1,
    legalBasis: `${LAW}; Державний стандарт соціальної послуги консультування`,
    documents: [['Документ, що посвідчує особу (якщо консультація не анонімна)', false, 'optional']],
    steps: oneOffSteps('центр соціальних служб'),
    providers: ['css', 'tercentr'],
  },
  {
    key: 'prevention',
    code: null,
    name: 'Соціальна профілактика',
    nameEn: 'Social prevention',
    description:
      'Заходи, які допомагають запобігти складним життєвим обставинам: тренінги для батьків, групи підтримки, ' +
      'просвітницькі зустрічі в школах і старостатах.',
    recipients: 'Сім’ї з дітьми, молодь, громади сіл.',
    categories: [],
    cost: 'free',
    channels: ALL,
    legalBasis: LAW,
    documents: [DOC.application],
    steps: oneOffSteps('центр соціальних служб'),
    providers: ['css'],
  },
  {
    key: 'integration',
    code: null,
    name: 'Соціальна інтеграція та реінтеграція',
    nameEn: 'Social integration and reintegration',
    description:
      'Підтримка людей, які повертаються до життя громади: після служби, звільнення з місць позбавлення волі, ' +
      'лікування чи перебування в закладі. Допомагаємо з житлом, роботою, документами та зв’язками з родиною.',
    recipients: 'Ветерани, звільнені з місць позбавлення волі, випускники інтернатних закладів, бездомні особи.',
    categories: ['veteran', 'orphan', 'difficult_circumstances'],
    minAge: 16,
    cost: 'free',
    channels: ALL,
    legalBasis: LAW,
    documents: [DOC.application, DOC.passport, DOC.registered],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css'],
  },
  {
    key: 'adaptation',
    code: '013.0',
    name: 'Соціальна адаптація',
    nameEn: 'Social adaptation',
    description:
      'Допомога освоїтися в новому середовищі: на новому місці проживання, після отримання інвалідності чи зміни ' +
      'життєвих обставин. Навчаємо навичок, знайомимо з послугами громади, супроводжуємо до установ.',
    recipients: 'Внутрішньо переміщені особи, особи з інвалідністю, випускники інтернатних закладів.',
    categories: ['idp', ...DISABILITY, 'orphan'],
    cost: 'free',
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт соціальної адаптації`,
    documents: [DOC.application, DOC.passport, DOC.idp],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css'],
  },
  {
    key: 'crisis',
    code: '012.0',
    name: 'Кризове та екстрене втручання',
    nameEn: 'Crisis and emergency intervention',
    description:
      'Негайна допомога, коли загрожує небезпека: домашнє насильство, пожежа, раптова втрата житла, жорстоке поводження з дитиною. ' +
      'Мобільна бригада виїжджає на місце, надає безпечний притулок і психологічну підтримку. Документи не потрібні, щоб звернутися.',
    recipients: 'Будь-хто, чиєму життю чи здоров’ю загрожує небезпека.',
    categories: [],
    cost: 'free',
    crisis: true,
    days: 1,
    channels: ALL,
    conditions: 'Відмовити в послузі не можна, якщо є загроза життю, насильство або жорстоке поводження з дитиною.',
    legalBasis: `${LAW}; Закон України «Про запобігання та протидію домашньому насильству» №2229-VIII`,
    documents: [
      [
        'Повідомлення (усне, телефоном або письмове) — інших документів для початку допомоги не потрібно',
        false,
        'office_fills',
      ],
    ],
    steps: crisisSteps(),
    providers: ['css', 'ssd'],
  },
  {
    key: 'physical_escort',
    code: '021.0',
    name: 'Фізичний супровід осіб з інвалідністю з порушеннями опорно-рухового апарату та зору',
    nameEn: 'Physical escort of persons with disabilities',
    description:
      'Супровідник допомагає пересуватися містом, дістатися до лікарні, ЦНАП чи магазину, користуватися транспортом. ' +
      'Послуга для тих, хто пересувається на кріслі колісному або має порушення зору.',
    recipients: 'Особи з інвалідністю, які пересуваються на кріслах колісних, мають порушення зору.',
    categories: [...DISABILITY, 'disabled_child'],
    cost: 'free',
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт фізичного супроводу`,
    documents: [DOC.application, DOC.passport, DOC.disability],
    steps: standardSteps(10, 'територіальний центр'),
    providers: ['tercentr'],
  },
  {
    key: 'sign_language',
    code: null,
    name: 'Переклад жестовою мовою',
    nameEn: 'Sign language interpretation',
    description:
      'Перекладач жестової мови супроводжує людину з порушенням слуху на прийомі в лікаря, у суді, банку чи установі. ' +
      'Можна замовити переклад наживо або через відеозв’язок.',
    recipients: 'Особи з порушеннями слуху.',
    categories: DISABILITY,
    cost: 'free',
    channels: ALL,
    days: 3,
    legalBasis: LAW,
    documents: [DOC.application, DOC.passport, DOC.disability],
    steps: oneOffSteps('територіальний центр'),
    providers: ['tercentr'],
  },
  {
    key: 'informing',
    code: '001.0',
    name: 'Інформування',
    nameEn: 'Information',
    description:
      'Розповідаємо, які послуги, допомоги та пільги ви можете отримати, куди звернутися і які документи потрібні. ' +
      'Інформацію надаємо особисто, телефоном, онлайн або друкованими матеріалами.',
    recipients: 'Усі мешканці громади.',
    categories: [],
    cost: 'free',
    channels: ALL,
    days: 1,
    legalBasis: `${LAW}; Державний стандарт соціальної послуги інформування`,
    documents: [],
    steps: oneOffSteps('управління соціального захисту'),
    providers: ['uszn', 'css', 'tercentr'],
  },
  {
    key: 'representation',
    code: '004.0',
    name: 'Представництво інтересів',
    nameEn: 'Representation of interests',
    description:
      'Фахівець представляє ваші інтереси в установах і організаціях, допомагає скласти заяви та скарги, ' +
      'супроводжує на прийомах, щоб ви отримали належне.',
    recipients:
      'Люди, які не можуть самостійно захистити свої права: особи з інвалідністю, діти, люди похилого віку, ВПО.',
    categories: [],
    cost: 'free',
    channels: ALL,
    legalBasis: `${LAW}; Державний стандарт представництва інтересів`,
    documents: [DOC.application, DOC.passport, DOC.representative],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css'],
  },
  {
    key: 'mediation',
    code: '003.0',
    name: 'Посередництво (медіація)',
    nameEn: 'Mediation',
    description:
      'Нейтральний посередник допомагає сторонам конфлікту — подружжю, родичам, сусідам — домовитися без суду. ' +
      'Зустрічі конфіденційні, рішення ухвалюють самі сторони.',
    recipients: 'Сім’ї та особи, які перебувають у конфлікті.',
    categories: [],
    cost: 'free',
    channels: ['front_office', 'starosta'],
    legalBasis: `${LAW}; Державний стандарт посередництва (медіації)`,
    documents: [DOC.application, DOC.passport],
    steps: standardSteps(10, 'центр соціальних служб'),
    providers: ['css'],
  },
];
