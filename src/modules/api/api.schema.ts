import { z } from 'zod';
import { addDays, displayDate, kyivToday, parseDisplayDate } from '../../platform/dates.js';
import { field, type Problem } from '../../platform/forms.js';
import { ROLES } from '../../platform/policy.js';
import { LOCALES } from '../../platform/i18n.js';

export const meResponse = z.object({
  id: z.uuid().describe('Ідентифікатор користувача'),
  kind: z.enum(['staff', 'resident']).describe('Вид облікового запису'),
  displayName: z.string().describe("Ім'я, як його показує система"),
  locale: z.enum(LOCALES).describe('Мова повідомлень API, якщо запит не задає Accept-Language'),
  hromada: z
    .object({
      id: z.number().int(),
      code: z.string().describe('Код громади за КАТОТТГ'),
      name: z.string(),
    })
    .describe('Громада, у межах якої діє токен'),
  roles: z
    .array(
      z.object({
        role: z.enum(ROLES),
        districtId: z.number().int().nullable().describe('Старостинський округ, якщо роль обмежена ним'),
        agencyId: z.number().int().nullable().describe('Установа, якщо роль обмежена нею'),
      }),
    )
    .describe('Ролі користувача в цій громаді'),
  token: z.object({ id: z.uuid(), name: z.string() }).describe('Токен, яким зроблено запит'),
});
export type MeResponse = z.input<typeof meResponse>;

export const updateMeBody = z.strictObject({
  locale: z.enum(LOCALES).describe('uk — українська, en — англійська'),
});

/** How long a token may live: the default end when none is chosen and the latest end allowed. */
export interface TokenLifetime {
  defaultDays: number;
  maxDays: number;
}

const NAME_MAX = 100;
const ERR = {
  nameRequired: 'api.tokens.errors.nameRequired',
  nameTooLong: 'api.tokens.errors.nameTooLong',
  dateFormat: 'api.tokens.errors.dateFormat',
  datePast: 'api.tokens.errors.datePast',
  dateTooFar: 'api.tokens.errors.dateTooFar',
} as const;

/**
 * The token form: a name and the last day of validity (дд.мм.рррр, today or later, at most
 * `maxDays` ahead). Every token expires: without a date it gets `defaultDays`. `withParams` puts
 * the numbers into the problems' messages (the longest name, the latest day).
 */
export function tokenForm(life: TokenLifetime, today = kyivToday()) {
  const latest = addDays(today, life.maxDays);
  const schema = z.object({
    name: field.text().pipe(z.string().min(1, { error: ERR.nameRequired }).max(NAME_MAX, { error: ERR.nameTooLong })),
    expiresOn: field.text().transform((v, ctx) => {
      if (!v) return addDays(today, life.defaultDays);
      const iso = /^\d{2}\.\d{2}\.\d{4}$/.test(v) ? parseDisplayDate(v) : null;
      const key = iso === null ? ERR.dateFormat : iso < today ? ERR.datePast : iso > latest ? ERR.dateTooFar : null;
      if (iso === null || key) {
        ctx.addIssue({ code: 'custom', message: key ?? ERR.dateFormat });
        return z.NEVER;
      }
      return iso;
    }),
  });
  const params: Record<string, Record<string, unknown>> = {
    [ERR.nameTooLong]: { count: NAME_MAX },
    [ERR.dateTooFar]: { date: displayDate(latest) },
  };
  const withParams = (problems: Problem[]): Problem[] =>
    problems.map((p) => ({ ...p, params: params[p.key] ?? p.params }));
  return { schema, withParams };
}

/** The list page's query: `?revoked=1` after a token was revoked. */
export const tokensQuery = z.object({ revoked: field.optional() });
