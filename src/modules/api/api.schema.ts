import { z } from 'zod';
import type { TFunction } from 'i18next';
import { ROLES } from '../../platform/policy.js';
import { LOCALES } from '../../platform/i18n.js';

export const meResponse = z.object({
  id: z.uuid().describe('Ідентифікатор користувача'),
  kind: z.enum(['staff', 'resident']).describe('Вид облікового запису'),
  displayName: z.string().describe("Ім'я, як його показує система"),
  locale: z.enum(LOCALES).describe('Мова повідомлень API, якщо запит не задає Accept-Language'),
  hromada: z.object({
    id: z.number().int(),
    code: z.string().describe('Код громади за КАТОТТГ'),
    name: z.string(),
  }).describe('Громада, у межах якої діє токен'),
  roles: z.array(z.object({
    role: z.enum(ROLES),
    districtId: z.number().int().nullable().describe('Старостинський округ, якщо роль обмежена ним'),
    agencyId: z.number().int().nullable().describe('Установа, якщо роль обмежена нею'),
  })).describe('Ролі користувача в цій громаді'),
  token: z.object({ id: z.uuid(), name: z.string() }).describe('Токен, яким зроблено запит'),
});
export type MeResponse = z.input<typeof meResponse>;

export const updateMeBody = z.strictObject({
  locale: z.enum(LOCALES).describe('uk — українська, en — англійська'),
});

const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/** дд.мм.рррр → рррр-мм-дд, or null when it is not a real calendar date. */
export function parseUkDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [, d, mo, y] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

export const todayInKyiv = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());

/** A calendar day (рррр-мм-дд) plus `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** How long a token may live: the default end when none is chosen and the latest end allowed. */
export interface TokenLifetime { defaultDays: number; maxDays: number }

/**
 * The token form: a name and the last day of validity (дд.мм.рррр, today or later, at most
 * `maxDays` ahead). Every token expires: without a date it gets `defaultDays`.
 */
export function tokenForm(t: TFunction, life: TokenLifetime, today = todayInKyiv()) {
  const latest = addDays(today, life.maxDays);
  return z.object({
    name: z.string({ error: t('api.tokens.errors.nameRequired') }).trim()
      .min(1, { error: t('api.tokens.errors.nameRequired') })
      .max(100, { error: t('api.tokens.errors.nameTooLong', { count: 100 }) }),
    expiresOn: z.string().trim().optional().transform((v, ctx) => {
      if (!v) return addDays(today, life.defaultDays);
      const iso = parseUkDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: t('api.tokens.errors.dateFormat') });
        return z.NEVER;
      }
      if (iso < today) {
        ctx.addIssue({ code: 'custom', message: t('api.tokens.errors.datePast') });
        return z.NEVER;
      }
      if (iso > latest) {
        ctx.addIssue({ code: 'custom', message: t('api.tokens.errors.dateTooFar', { date: ukDate(latest) }) });
        return z.NEVER;
      }
      return iso;
    }),
  });
}

/** рррр-мм-дд → дд.мм.рррр */
export const ukDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export const tokenIdParams = z.object({ id: z.uuid() });
