import { z } from 'zod';
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
  personId: z.uuid().nullable().describe('Особа з реєстру; null — особу не підтверджено (заява онлайн, особу ще не пов’язано з реєстром)'),
  serviceId: z.uuid(),
  channel: z.enum(CHANNELS),
};
export const applicationSummarySchema = z.object(applicationFields).describe('Заява');
export const applicationSchema = z.object({ ...applicationFields, history: z.array(historyItemSchema) }).describe('Заява з історією');
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
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional().catch(undefined),
  due: z.enum(['at_risk', 'overdue']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const idParams = z.object({ id: z.uuid() });

export const transitionForm = z.object({
  command: z.enum([...COMMANDS, 'assign']),
  version: z.coerce.number().int().positive(),
});
