import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { parseDisplayDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { CATEGORY_KINDS, FREE_GROUNDS, parseMoney, UNITS } from './paid-rules.js';

const V = 'paid.v.';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A date typed as дд.мм.рррр → ISO. */
const date = (key: string) =>
  field.text().pipe(
    z
      .string()
      .transform((v) => parseDisplayDate(v) ?? '')
      .refine((v) => v !== '', `${V}${key}`),
  );
const optionalDate = (key: string) =>
  field.optional().pipe(
    z
      .string()
      .transform((v) => parseDisplayDate(v) ?? '')
      .refine((v) => v !== '', `${V}${key}`)
      .optional(),
  );
const money = (key: string) =>
  field.text().pipe(
    z
      .string()
      .transform((v) => parseMoney(v) ?? -1)
      .refine((v) => v >= 0, `${V}${key}`),
  );
const decimal = (key: string) =>
  field.text().pipe(
    z
      .string()
      .regex(/^\d{1,2}([.,]\d{1,2})?$/, `${V}${key}`)
      .transform((v) => Number(v.replace(',', '.'))),
  );
const agencyId = field.text().pipe(
  z
    .string()
    .regex(/^\d{1,9}$/, `${V}agency`)
    .transform(Number),
);
const serviceId = field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}service`));

export const monthSchema = z.string().regex(MONTH);

export const invoicesQuery = z.object({
  month: monthSchema.optional().catch(undefined),
  agencyId: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
  done: z.string().max(40).optional().catch(undefined),
  created: z.coerce.number().int().min(0).optional().catch(undefined),
  existing: z.coerce.number().int().min(0).optional().catch(undefined),
  unpriced: z.coerce.number().int().min(0).optional().catch(undefined),
});

export const registerQuery = z.object({
  month: monthSchema,
  agencyId: z.coerce.number().int().min(1).max(2_147_483_647),
});

export const runForm = z.object({
  month: field.text().pipe(z.string().regex(MONTH, `${V}month`)),
  agencyId: field.optional().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, `${V}agency`)
      .transform(Number)
      .optional(),
  ),
});

export const tariffForm = z
  .object({
    agencyId,
    serviceId,
    unit: field.text().pipe(z.enum(UNITS, { error: `${V}unit` })),
    price: money('price'),
    validFrom: date('validFrom'),
    validTo: optionalDate('validTo'),
    limit: field.optional().pipe(
      z
        .string()
        .regex(/^\d{1,6}([.,]\d{1,2})?$/, `${V}limit`)
        .transform((v) => Math.round(Number(v.replace(',', '.')) * 100))
        .refine((v) => v > 0, `${V}limit`)
        .optional(),
    ),
    source: field.text().pipe(z.enum(['catalogue', 'contract'], { error: `${V}source` })),
  })
  .refine((f) => !f.validTo || f.validTo >= f.validFrom, { path: ['validTo'], error: `${V}validTo` });
export const TARIFF_FIELDS = [
  'agencyId',
  'serviceId',
  'unit',
  'price',
  'validFrom',
  'validTo',
  'limit',
  'source',
] as const;

/** The differentiated bands typed one per line: «2-2,5: 20». */
const bandsText = field.text().pipe(
  z.string().transform((v, ctx) => {
    const bands = [];
    for (const line of v.split(/\r?\n/).filter((l) => l.trim())) {
      const m = /^\s*(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*:\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%?\s*$/.exec(line);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `${V}bandsFormat` });
        return z.NEVER;
      }
      const n = (s: string) => Number(s.replace(',', '.'));
      bands.push({ from: n(m[1]), to: n(m[2]), percent: n(m[3]) });
    }
    return bands;
  }),
);

export const rulesForm = z.object({
  validFrom: date('validFrom'),
  subsistence: money('subsistence').refine((v) => v > 0, `${V}subsistence`),
  freeBelow: decimal('freeBelow'),
  fullAbove: decimal('fullAbove'),
  bands: bandsText,
});
export const RULES_FIELDS = ['validFrom', 'subsistence', 'freeBelow', 'fullAbove', 'bands'] as const;

export const payeeForm = z.object({
  payeeName: field.optional().pipe(z.string().max(300, `${V}tooLong`).optional()),
  edrpou: field.optional().pipe(
    z
      .string()
      .regex(/^\d{8}$/, `${V}edrpou`)
      .optional(),
  ),
  iban: field.optional().pipe(
    z
      .string()
      .transform((v) => v.replace(/\s/g, '').toUpperCase())
      .pipe(z.string().regex(/^UA\d{27}$/, `${V}iban`))
      .optional(),
  ),
  bankName: field.optional().pipe(z.string().max(300, `${V}tooLong`).optional()),
  dueDays: field.text().pipe(
    z
      .string()
      .regex(/^\d{1,2}$/, `${V}dueDays`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 90, `${V}dueDays`),
  ),
  purposeCode: field.text().pipe(z.string().regex(/^\d{3}$/, `${V}purposeCode`)),
});
export const PAYEE_FIELDS = ['payeeName', 'edrpou', 'iban', 'bankName', 'dueDays', 'purposeCode'] as const;

export const incomeForm = z.object({
  year: field.text().pipe(
    z
      .string()
      .regex(/^\d{4}$/, `${V}year`)
      .transform(Number)
      .refine((n) => n >= 2000 && n <= 2100, `${V}year`),
  ),
  quarter: field.text().pipe(
    z
      .string()
      .regex(/^[1-4]$/, `${V}quarter`)
      .transform(Number),
  ),
  totalIncome: money('totalIncome'),
  members: field.text().pipe(
    z
      .string()
      .regex(/^\d{1,2}$/, `${V}members`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 30, `${V}members`),
  ),
  documents: field.text().pipe(z.string().min(1, `${V}documents`).max(2000, `${V}tooLong`)),
});
export const INCOME_FIELDS = ['year', 'quarter', 'totalIncome', 'members', 'documents'] as const;

export const categoryForm = z
  .object({
    serviceId,
    kind: field.text().pipe(z.enum(CATEGORY_KINDS, { error: `${V}kind` })),
    ground: field.optional().pipe(z.enum(FREE_GROUNDS, { error: `${V}ground` }).optional()),
    decidedOn: date('decidedOn'),
    validFrom: date('validFrom'),
    validTo: optionalDate('validTo'),
  })
  .refine((f) => f.kind !== 'free' || f.ground !== undefined, { path: ['ground'], error: `${V}ground` })
  .refine((f) => !f.validTo || f.validTo >= f.validFrom, { path: ['validTo'], error: `${V}validTo` });
export const CATEGORY_FIELDS = ['serviceId', 'kind', 'ground', 'decidedOn', 'validFrom', 'validTo'] as const;

export const paymentForm = z.object({
  paidOn: date('paidOn'),
  amount: money('amount').refine((v) => v > 0, `${V}amount`),
});
export const PAYMENT_FIELDS = ['paidOn', 'amount'] as const;

export const invoiceParams = z.object({ id: uuidSchema });
export const personParams = z.object({ personId: uuidSchema });
export const pageQuery = z.object({ done: z.string().max(40).optional().catch(undefined) }).catch({ done: undefined });

// ---- the API -------------------------------------------------------------------------------------------------------

export const apiInvoicesQuery = z.object({
  month: z.string().regex(MONTH).describe('Місяць рахунків, РРРР-ММ'),
  providerId: z.coerce.number().int().min(1).max(2_147_483_647).optional().describe('Надавач (установа)'),
});
export const apiInvoiceParams = z.object({ id: z.uuid().describe('Ідентифікатор рахунку') });

const apiLine = z.object({
  position: z.number().int(),
  service: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  unit: z.enum(UNITS).describe('hour — година, visit — відвідування, day — день'),
  volume: z.string().describe('Обсяг в одиницях, два знаки після крапки'),
  price: z.string().describe('Тариф за одиницю, грн'),
  sharePercent: z.string().describe('Частка тарифу, яку сплачує отримувач, %'),
  amount: z.string().describe('Сума рядка, грн (округлено до копійки один раз на рядок)'),
});
const apiInvoiceBase = z.object({
  id: z.string(),
  number: z.string(),
  month: z.string().describe('РРРР-ММ'),
  providerId: z.number().int(),
  providerName: z.string(),
  personId: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  total: z.string().describe('Сума до сплати, грн'),
  paid: z.string().describe('Сплачено, грн'),
  status: z.enum(['paid', 'partly', 'unpaid', 'overdue']),
  paymentPurpose: z.string().describe('Призначення платежу: *;<код>;<особовий рахунок>;<текст>'),
});
export const apiInvoiceSchema = apiInvoiceBase.extend({ lines: z.array(apiLine) });
export const apiInvoiceListSchema = z.object({ items: z.array(apiInvoiceBase), total: z.number().int() });
