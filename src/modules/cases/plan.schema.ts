import { z } from 'zod';
import { dateFromParts, field, parseWith, single, type FormValues, type Problem } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import {
  AGREEMENT_CHANNELS,
  ITEM_KINDS,
  MAX_ITEMS,
  REVIEW_OUTCOMES,
  VOLUME_UNITS,
  type PlanInput,
  type PlanItemInput,
} from './plan-machine.js';

const V = 'cases.plan.v.';
const date = z.string().refine(isIsoDate, `${V}date`).optional();
/** An optional whole number of a posted form ('' → none). */
const optionalNumber = (n: z.ZodCoercedNumber) => z.preprocess((v) => single(v).trim() || undefined, n.optional());

/** The plan's own fields on the page (the items are rows `i0-…`, read one by one). */
const planFieldsForm = z.object({
  version: z.preprocess((v) => single(v), z.coerce.number().int().min(0, `${V}version`)),
  personWords: field.optional().pipe(z.string().max(4000, `${V}long`).optional()),
  agreedOn: date,
  agreedChannel: field.optional().pipe(z.enum(AGREEMENT_CHANNELS, { error: `${V}channel` }).optional()),
  reviewOn: date,
  reviewIntervalDays: optionalNumber(
    z.coerce
      .number({ error: `${V}interval` })
      .int(`${V}interval`)
      .min(1, `${V}interval`)
      .max(366, `${V}interval`),
  ),
});

/** One row of the plan form. */
const planRowForm = z.object({
  id: field.optional().pipe(uuidSchema.optional()),
  kind: field.text().pipe(z.enum(ITEM_KINDS, { error: `${V}kind` })),
  text: field.optional().pipe(z.string().max(2000, `${V}long`).optional()),
  serviceId: field.optional().pipe(
    z
      .string()
      .regex(/^[0-9a-f-]{36}$/i, `${V}service`)
      .optional(),
  ),
  agencyId: optionalNumber(
    z.coerce
      .number({ error: `${V}agency` })
      .int(`${V}agency`)
      .positive(`${V}agency`),
  ),
  responsibleUserId: field.optional().pipe(
    z
      .string()
      .regex(/^[0-9a-f-]{36}$/i, `${V}responsible`)
      .optional(),
  ),
  responsibleText: field.optional().pipe(z.string().max(200, `${V}long`).optional()),
  dueOn: date,
  startsOn: date,
  endsOn: date,
  // A monthly volume with a decimal comma or point («12,5»), at most two decimals; checked > 0 with its unit.
  volumePerMonth: field.optional().pipe(
    z
      .string()
      .regex(/^\d{1,6}([.,]\d{1,2})?$/, `${V}volume`)
      .transform((v) => Number(v.replace(',', '.')))
      .optional(),
  ),
  volumeUnit: field.optional().pipe(z.enum(VOLUME_UNITS, { error: `${V}volumeUnit` }).optional()),
});

const DATE_FIELDS = ['agreedOn', 'reviewOn'];
const ROW_DATES = ['dueOn', 'startsOn', 'endsOn'] as const;

/** The page name of an item's field: `items.2.dueOn` of row 5 → `i5-dueOn`. */
export const rowField = (row: number, f: string) => `i${row}-${f}`;

/**
 * Reads the plan form: the plan's fields and every row that has something in it (an empty row is no item). Returns
 * the plan and which form row each item came from (to place the use-case's problems), or the problems.
 */
export function readPlanForm(
  values: FormValues,
): { ok: true; input: PlanInput; rows: number[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const plan = parseWith(
    planFieldsForm,
    { ...values, agreedOn: dateFromParts(values, 'agreedOn'), reviewOn: dateFromParts(values, 'reviewOn') },
    (f) => (DATE_FIELDS.includes(f) ? `#${f}-day` : undefined),
  );
  if (!plan.ok) problems.push(...plan.problems);
  const items: PlanItemInput[] = [];
  const rows: number[] = [];
  const count = Math.min(Number(values.rows) || 0, MAX_ITEMS + 10);
  for (let n = 0; n < count; n++) {
    const raw: Record<string, string | undefined> = {};
    for (const f of Object.keys(planRowForm.shape)) raw[f] = values[rowField(n, f)];
    for (const f of ROW_DATES) raw[f] = dateFromParts(values, rowField(n, f));
    const filled = Object.entries(raw).some(([k, v]) => k !== 'kind' && v !== undefined && v !== '');
    if (!filled && !raw.kind) continue;
    const r = parseWith(planRowForm, raw);
    if (!r.ok) {
      for (const p of r.problems) {
        const f = rowField(n, p.field);
        problems.push({
          ...p,
          field: f,
          href: (ROW_DATES as readonly string[]).includes(p.field) ? `#${f}-day` : `#${f}`,
        });
      }
      continue;
    }
    items.push(r.data);
    rows.push(n);
  }
  if (problems.length || !plan.ok) return { ok: false, problems };
  return { ok: true, input: { ...plan.data, items }, rows };
}

/** The use-case's problems on the form: `items.K.f` goes to row `rows[K]`. */
export function placePlanProblems(problems: Problem[], rows: number[]): Problem[] {
  return problems.map((p) => {
    const m = /^items\.(\d+)\.(\w+)$/.exec(p.field);
    if (!m) return DATE_FIELDS.includes(p.field) ? { ...p, href: `#${p.field}-day` } : p;
    const f = rowField(rows[Number(m[1])] ?? 0, m[2]);
    return { ...p, field: f, href: (ROW_DATES as readonly string[]).includes(m[2]) ? `#${f}-day` : `#${f}` };
  });
}

export const decisionForm = z.object({
  decision: field.text().pipe(z.enum(['approve', 'return'], { error: `${V}decision` })),
  comment: field.optional().pipe(z.string().max(2000, `${V}long`).optional()),
  version: optionalNumber(z.coerce.number().int().positive()),
});

export const submitForm = z.object({
  version: optionalNumber(z.coerce.number().int().positive()),
});

export const closureForm = z.object({
  closeReason: field.text(),
  version: optionalNumber(z.coerce.number().int().positive()),
});

export const closureDecisionForm = z.object({
  decision: field.text().pipe(z.enum(['approve', 'return'], { error: `${V}decision` })),
  closureComment: field.optional().pipe(z.string().max(2000, `${V}long`).optional()),
});

export const reviewForm = z.object({
  outcome: field.text().pipe(z.enum(REVIEW_OUTCOMES, { error: 'cases.review.v.outcome' })),
  reviewNote: field.text(),
  nextReviewOn: z.string().refine(isIsoDate, 'cases.review.v.next').optional(),
});

// --- /api/v1/cases/{id}/plan ---

const apiDate = z.string().refine(isIsoDate, 'Дата РРРР-ММ-ДД');

export const planItemBody = z.object({
  id: z.uuid().optional().describe('Пункт, що вже є в плані (без id — новий)'),
  kind: z.enum(ITEM_KINDS).describe('goal — мета, action — дія, service — послуга з каталогу'),
  text: z.string().max(2000).optional(),
  serviceId: z.uuid().optional().describe('Послуга каталогу (для service)'),
  agencyId: z.number().int().positive().optional().describe('Надавач послуги (для service)'),
  startsOn: apiDate.optional(),
  endsOn: apiDate.optional().describe('Кінець строку договору з надавачем'),
  responsibleUserId: z.uuid().optional().describe('Відповідальний працівник'),
  responsibleText: z.string().max(200).optional().describe('Або відповідальний словами'),
  dueOn: apiDate.optional().describe('Строк: не раніше відкриття випадку'),
  volumePerMonth: z.number().positive().max(999999.99).optional().describe('Обсяг послуги на місяць (для service)'),
  volumeUnit: z
    .enum(VOLUME_UNITS)
    .optional()
    .describe('Одиниця обсягу: hour — години, visit — відвідування, day — дні'),
});

export const planBody = z.object({
  version: z.number().int().min(0).describe('Версія плану, яку бачив клієнт (0 — плану ще немає); інша поточна — 409'),
  personWords: z.string().max(4000).optional().describe('Слова самої особи'),
  agreedOn: apiDate.optional().describe('Коли особа ознайомилася з планом і погодилася'),
  agreedChannel: z.enum(AGREEMENT_CHANNELS).optional(),
  reviewOn: apiDate.optional().describe('Дата наступного перегляду'),
  reviewIntervalDays: z.number().int().min(1).max(366).optional(),
  items: z.array(planItemBody).max(MAX_ITEMS),
});

const planItemJson = planItemBody.extend({
  id: z.uuid(),
  text: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  agencyId: z.number().int().nullable(),
  agencyName: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  responsibleUserId: z.uuid().nullable(),
  responsibleText: z.string().nullable(),
  dueOn: z.string().nullable(),
  volumePerMonth: z.number().nullable(),
  volumeUnit: z.enum(VOLUME_UNITS).nullable(),
  applicationId: z.uuid().nullable().describe('Пункт з наданої заяви (її передача надавачу)'),
  assignmentId: z.uuid().nullable().describe('Призначення послуги надавачу'),
});

export const planJson = z
  .object({
    version: z.number().int(),
    status: z.enum(['draft', 'submitted', 'approved', 'returned']),
    personWords: z.string().nullable(),
    agreedOn: z.string().nullable(),
    agreedChannel: z.enum(AGREEMENT_CHANNELS).nullable(),
    reviewOn: z.string().nullable(),
    reviewIntervalDays: z.number().int().nullable(),
    items: z.array(planItemJson),
  })
  .nullable()
  .describe('Індивідуальний план (null — ще не складено)');
