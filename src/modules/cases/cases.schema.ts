import { z } from 'zod';
import { field, single } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { isIsoDate } from '../../platform/dates.js';
import { AGENCY_KINDS } from './cases.queries.js';
import { CASE_COMMAND_NAMES, CASE_PRIORITIES, CASE_STATUSES, NOTE_KINDS } from './case-machine.js';
import { planJson } from './plan.schema.js';

const V = 'cases.v.';

/** Where the new-case form was opened from: a person, a household or a granted application. */
export const newCaseQuery = z.object({
  personId: uuidSchema.optional().catch(undefined),
  householdId: uuidSchema.optional().catch(undefined),
  applicationId: uuidSchema.optional().catch(undefined),
});

export const openCaseForm = z.object({
  personId: field.optional().pipe(uuidSchema.optional()),
  householdId: field.optional().pipe(uuidSchema.optional()),
  applicationId: field.optional().pipe(uuidSchema.optional()),
  typeCode: field.text().pipe(z.string().min(1, `${V}type`).max(40, `${V}type`)),
  priority: field.text().pipe(z.enum(CASE_PRIORITIES, { error: `${V}priority` })),
  note: field.optional().pipe(z.string().max(2000, `${V}noteLong`).optional()),
});
export type OpenCaseForm = z.infer<typeof openCaseForm>;

export const transitionForm = z.object({
  command: field.text().pipe(z.enum(CASE_COMMAND_NAMES, { error: `${V}command` })),
  reason: field.optional().pipe(z.string().max(2000, `${V}reasonLong`).optional()),
  version: z.preprocess((v) => single(v), z.coerce.number().int().positive(`${V}command`)),
});

export const noteForm = z.object({
  kind: field.text().pipe(z.enum(NOTE_KINDS, { error: `${V}noteKind` })),
  happenedOn: z.string({ error: `${V}happenedOn` }).refine(isIsoDate, `${V}happenedOn`),
  text: field.text().pipe(z.string().min(1, `${V}noteText`).max(4000, `${V}noteLong`)),
});
export type NoteForm = z.infer<typeof noteForm>;

/** Lifting the protection of the subject's contacts: a reason, and the confirmation that others will see them. */
export const protectionLiftForm = z.object({
  protectionReason: field.text().pipe(z.string().min(3, `${V}protectionReason`).max(2000, `${V}reasonLong`)),
  protectionConfirm: field.checkbox().pipe(z.literal(true, { error: `${V}protectionConfirm` })),
});
/** Restoring the protection: a reason. */
export const protectionRestoreForm = z.object({
  protectionReason: field.text().pipe(z.string().min(3, `${V}protectionReason`).max(2000, `${V}reasonLong`)),
});

export const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  scope: z.enum(['mine', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) }).catch({ done: undefined });

export const caseParams = z.object({ id: uuidSchema });

// --- /api/v1/cases ---

const caseTypeCode = z.string().min(2).max(40).describe('Код типу випадку (older_disability, family_sjo, violence …)');

/** A new case: of a person, of a household, or from a granted application (its person). */
export const createCaseBody = z
  .object({
    personId: z.uuid().optional().describe('Особа, чий це випадок'),
    householdId: z.uuid().optional().describe('Домогосподарство, чий це випадок'),
    applicationId: z.uuid().optional().describe('Заява з наданою послугою, з якої відкривається випадок (особа заяви)'),
    signalId: z
      .uuid()
      .optional()
      .describe('Сигнал раннього виявлення, за яким відкривається випадок (сигнал закривається з цим рішенням)'),
    type: caseTypeCode,
    priority: z.enum(CASE_PRIORITIES).default('normal'),
    note: z.string().max(2000).optional().describe('Чому відкрито випадок'),
  })
  .refine((b) => [b.personId, b.householdId, b.applicationId].filter(Boolean).length === 1, {
    error: 'Рівно одне з personId, householdId, applicationId',
  });

export const casesApiQuery = z.object({
  personId: z.uuid().optional().describe('Випадки особи (її власні й її домогосподарств)'),
  status: z.enum(CASE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const caseTransitionBody = z.object({
  to: z.enum(CASE_STATUSES).describe('Наступний статус'),
  reason: z.string().max(2000).optional().describe('Причина: обов’язкова для закриття й повторного відкриття'),
  version: z.number().int().positive().optional().describe('Версія, яку бачив клієнт: інша поточна — 409'),
});

export const caseJson = z.object({
  id: z.uuid(),
  number: z.string().describe('Номер випадку: В-РРРР-NNNNNN'),
  type: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(CASE_PRIORITIES),
  personId: z.uuid().nullable(),
  householdId: z.uuid().nullable(),
  applicationId: z.uuid().nullable(),
  signalId: z.uuid().nullable().describe('Сигнал раннього виявлення, за яким відкрито випадок'),
  manager: z.object({ id: z.uuid(), name: z.string() }),
  restricted: z.boolean().describe('Обмежений доступ: лише команда випадку'),
  openedOn: z.string().describe('РРРР-ММ-ДД'),
  closedOn: z.string().nullable().describe('РРРР-ММ-ДД'),
  version: z.number().int(),
  team: z.array(
    z.object({
      id: z.uuid(),
      userId: z.uuid().nullable().describe('Обліковий запис на платформі; null — зовнішній контакт'),
      name: z.string(),
      role: z.enum(['manager', 'supervisor', 'member']).describe('Доступ у випадку'),
      agencyKind: z.enum(AGENCY_KINDS).describe('Установа члена команди'),
      caseRole: z.string().nullable().describe('Роль у випадку: психолог, класний керівник …'),
    }),
  ),
  plan: planJson,
});
export type CaseJson = z.infer<typeof caseJson>;
export const caseListJson = z.object({
  items: z.array(caseJson.omit({ team: true, plan: true })),
  total: z.number().int(),
});
export const createdCaseJson = z.object({ id: z.uuid(), number: z.string() });
