import { z } from 'zod';
import { dateFromParts, field, single } from '../../platform/forms.js';
import { uuidSchema } from '../../platform/ids.js';
import { CHANNELS, COMMANDS, STATUSES } from './status-machine.js';

/** API: create on behalf of a person. */
export const apiCreateBody = z.object({
  personId: z.uuid().describe('Особа з реєстру, від імені якої подається заява'),
  serviceId: z.uuid().describe('Послуга з каталогу (активна, доступна через канал)'),
  channel: z.enum(CHANNELS).describe('Канал подання: online, front_office, starosta'),
});

export const apiIdParams = z.object({ id: z.uuid().describe('Ідентифікатор заяви') });

export const apiListQuery = z.object({
  status: z.enum(STATUSES).optional().describe('Статус заяви'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const historyItemSchema = z.object({
  at: z.string().describe('Коли (ISO 8601)'),
  event: z.string().describe('Подія: submit, register, assign, startReview, requestDocuments, …'),
  from: z.enum(STATUSES).nullable().describe('Статус до'),
  to: z.enum(STATUSES).describe('Статус після'),
  actor: z.string().describe('Хто'),
  note: z.string().nullable(),
});

const applicationFields = {
  id: z.uuid(),
  registrationNumber: z.string().nullable().describe('Реєстраційний номер, напр. СП-2026-000123'),
  status: z.enum(STATUSES),
  deadline: z.string().nullable().describe('Строк рішення (YYYY-MM-DD), з урахуванням пауз'),
  personId: z
    .uuid()
    .nullable()
    .describe('Особа з реєстру; null — особу не підтверджено (заява онлайн, особу ще не пов’язано з реєстром)'),
  serviceId: z.uuid(),
  channel: z.enum(CHANNELS),
};
export const applicationSummarySchema = z.object(applicationFields).describe('Заява');
export const applicationSchema = z
  .object({ ...applicationFields, history: z.array(historyItemSchema) })
  .describe('Заява з історією');
export const applicationListSchema = z.object({
  items: z.array(applicationSummarySchema),
  total: z.number().int(),
});

export type ApplicationJson = z.input<typeof applicationSchema>;

/** Web queue filters (GET parameters; never names). Unknown values are ignored. */
export const queueQuery = z.object({
  serviceId: z.uuid().optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  districtId: z.coerce.number().int().positive().optional().catch(undefined),
  assignee: z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .catch(undefined),
  due: z.enum(['at_risk', 'overdue']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type QueueQuery = z.infer<typeof queueQuery>;

/** A posted form (or query) as a record of its fields; anything else is an empty form. */
export function posted(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? { ...body } : {};
}

/** The page's flash after a change (`?done=`). */
export const doneQuery = z.object({ done: z.string().optional().catch(undefined) });

/** The posted form with a date input's three boxes (`<name>-day` …) put together as `<name>` (ISO text). */
function withDate(name: string) {
  return (body: unknown) => {
    const b = posted(body);
    return { ...b, [name]: dateFromParts(b, name) };
  };
}

/** A posted field kept as typed (trimmed) when present, `undefined` when the form has no such field. */
const present = () => z.preprocess((v) => (v === undefined ? undefined : single(v).trim()), z.string().optional());

/**
 * A command posted from the application page: which one and the version the page showed (a bad
 * one is a bad request), and what the command carries (documents one per line; the due date from
 * its three boxes, put together by the route with `dateFromParts`).
 */
export const transitionForm = z.preprocess(
  withDate('dueOn'),
  z.object({
    command: z.enum([...COMMANDS, 'assign']),
    version: z.coerce.number().int().positive(),
    note: field.optional(),
    reason: present(),
    ground: present(),
    documents: field.text(),
    dueOn: z.string().optional(),
    assigneeId: field.text(),
  }),
);
export type TransitionForm = z.infer<typeof transitionForm>;

/** The worker's choice of a registry person for an application whose person is not confirmed. */
export const linkPersonForm = z.object({
  personId: z.preprocess((v) => single(v).trim(), uuidSchema),
  version: z
    .preprocess((v) => single(v).trim(), z.string())
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : undefined)),
});

/** Intake: the registry search, the ID card's MRZ, the chosen person and service. */
export const searchForm = z.object({ q: field.text().transform((q) => q.slice(0, 200)) });
export const mrzForm = z.object({ mrz: field.text().transform((m) => m.slice(0, 400)) });
export const intakeQuery = z.object({ personId: uuidSchema.optional().catch(undefined) });
const IDEMPOTENCY = /^[0-9a-f-]{36}$/i;
export const intakeForm = z.object({
  personId: field.text(),
  serviceId: field.text(),
  /** The form's own key (a repeated post registers once); anything else is no key. */
  idempotencyKey: field.text().transform((k) => (IDEMPOTENCY.test(k) ? k : null)),
});
