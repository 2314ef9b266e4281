import type { Channel, Cost, DocumentKind } from '../catalogue.schema.js';

/** Agencies of the demo hromada a seeded service may name as providers. */
export type AgencyKey = 'uszn' | 'tercentr' | 'css' | 'ssd';

/** [name, obtained by the office itself from registries, kind (required unless said)] */
export type SeedDocument = [string, boolean?, DocumentKind?];
/** [title, responsible role, time limit in working days] */
export type SeedStep = [string, string, number | null];

export interface SeedService {
  key: string;
  code: string | null;
  name: string;
  nameEn: string;
  description: string;
  recipients: string;
  conditions?: string;
  categories: string[];
  minAge?: number;
  maxAge?: number;
  cost: Cost;
  tariff?: string;
  crisis?: boolean;
  days?: number;
  channels: Channel[];
  legalBasis?: string;
  documents: SeedDocument[];
  steps: SeedStep[];
  providers: AgencyKey[];
}

export interface SeedSituation {
  slug: string;
  name: string;
  summary: string;
  steps: string[];
  services: string[];
}

export const LAW = 'Закон України «Про соціальні послуги» №2671-VIII';

export const DOC = {
  application: [
    'Заява про надання соціальних послуг (заповнюємо разом із вами)',
    false,
    'office_fills',
  ] as SeedDocument,
  passport: ['Паспорт громадянина України або ID-картка (інший документ, що посвідчує особу)'] as SeedDocument,
  registered: ['Відомості про зареєстрованих у житловому приміщенні осіб', true] as SeedDocument,
  income: ['Відомості про доходи для визначення плати за послугу', true] as SeedDocument,
  disability: ['Відомості про інвалідність', true] as SeedDocument,
  idp: ['Довідка про взяття на облік внутрішньо переміщеної особи', true] as SeedDocument,
  doctor: ['Висновок лікаря про стан здоров’я та потребу в догляді'] as SeedDocument,
  birth: ['Відомості про народження дитини', true] as SeedDocument,
  representative: [
    'Документ, що підтверджує повноваження законного представника (якщо звертається представник)',
    false,
    'optional',
  ] as SeedDocument,
} as const;

/** The usual case stages of the Law (art. 18), with time limits in working days. */
export function standardSteps(days: number, provider: string): SeedStep[] {
  return [
    ['Прийняти й зареєструвати заяву', 'адміністратор фронт-офісу або староста', 1],
    ['Оцінити потреби особи', 'фахівець із соціальної роботи', Math.max(1, days - 3)],
    ['Прийняти рішення про надання послуги та повідомити заявника', 'начальник управління соціального захисту', days],
    ['Укласти договір та скласти індивідуальний план', provider, 3],
    ['Надавати послугу за індивідуальним планом', provider, null],
    ['Моніторинг і оцінювання якості послуги', 'фахівець із соціальної роботи', null],
  ];
}

/** One-off services (information, consultation) need no assessment or contract. */
export function oneOffSteps(provider: string): SeedStep[] {
  return [
    ['Прийняти звернення (особисто, телефоном або онлайн)', 'адміністратор фронт-офісу або староста', 0],
    ['Надати послугу під час звернення або призначити зустріч', provider, 1],
    ['За потреби перенаправити до іншого надавача', provider, 1],
    ['Зафіксувати надану послугу', provider, 1],
  ];
}

export function crisisSteps(): SeedStep[] {
  return [
    ['Прийняти повідомлення (цілодобово) і негайно передати мобільній бригаді', 'черговий фахівець', 0],
    ['Виїзд, оцінка загрози життю і здоров’ю', 'мобільна бригада соціально-психологічної допомоги', 1],
    ['Рішення про надання послуги — не пізніше ніж через 1 день', 'начальник управління соціального захисту', 1],
    ['Надати допомогу: безпечне місце, психологічна підтримка, перенаправлення', 'центр соціальних служб', null],
    ['Скласти акт і надіслати уповноваженому органу', 'центр соціальних служб', 22],
  ];
}
