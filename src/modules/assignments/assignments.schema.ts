import { z } from 'zod';
import { dateFromParts, single } from '../../platform/forms.js';
import { posted } from '../applications/applications.schema.js';
import { ASSIGNMENT_STATUSES, PROVIDER_COMMANDS } from './assignment-machine.js';

/** A posted field as typed (trimmed); `undefined` when the form has no such field. */
const present = (v: unknown) => (v === undefined ? undefined : single(v).trim());
const text = (v: unknown) => single(v).trim();

/** The page's flash after a step (`?done=`). */
export const doneQuery = z.object({ done: z.string().optional().catch(undefined) });

/** Web list filters (GET parameters); unknown values are ignored. */
export const listQuery = z.object({
  status: z.enum(ASSIGNMENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type ListQuery = z.infer<typeof listQuery>;

/** The date input of each step's form. */
const DATE_FIELD: Record<string, string | undefined> = { start: 'startedOn', complete: 'completedOn' };

/**
 * The provider's form: which step and the version the page showed (a bad one is a bad request),
 * and what the step carries: its own note box (`<command>Note`), a decline's reason, the step's date.
 */
export const actionForm = z.preprocess(
  (body) => {
    const b = posted(body);
    const command = text(b.command);
    const dateField = DATE_FIELD[command];
    return {
      command,
      version: text(b.version),
      input: {
        note: present(b[`${command}Note`]),
        reason: present(b.reason),
        date: dateField ? dateFromParts(b, dateField) : undefined,
      },
    };
  },
  z.object({
    command: z.enum(PROVIDER_COMMANDS),
    version: z.coerce.number().int().positive(),
    input: z.object({ note: z.string().optional(), reason: z.string().optional(), date: z.string().optional() }),
  }),
);

/** The manager's choice of a provider on the application page. */
export const assignForm = z.preprocess(
  (body) => {
    const b = posted(body);
    return {
      agencyId: text(b.agencyId),
      providerNotes: text(b.providerNotes),
      assignmentVersion: text(b.assignmentVersion),
    };
  },
  z.object({
    agencyId: z.union([z.literal(''), z.coerce.number().int().positive()]).catch(-1),
    providerNotes: z.string().catch(''),
    assignmentVersion: z.union([z.literal(''), z.coerce.number().int().positive()]).catch(''),
  }),
);

// API
export const apiIdParams = z.object({ id: z.uuid().describe('Ідентифікатор призначення') });

export const apiListQuery = z.object({
  status: z
    .enum(ASSIGNMENT_STATUSES)
    .optional()
    .describe('Статус призначення: assigned, accepted, in_progress, completed, declined'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const historyItem = z.object({
  at: z.string().describe('Коли (ISO 8601)'),
  event: z.string().describe('Подія: assign, reassign, accept, decline, start, complete, officeStart, officeComplete'),
  from: z.enum(ASSIGNMENT_STATUSES).nullable(),
  to: z.enum(ASSIGNMENT_STATUSES),
  agency: z.string().nullable().describe('Надавач на момент події'),
  actor: z.string().describe('Хто'),
  note: z.string().nullable(),
});

const fields = {
  id: z.uuid(),
  applicationId: z
    .uuid()
    .nullable()
    .describe('Заява, за якою передано послугу; null — послуга з індивідуального плану випадку'),
  caseId: z.uuid().nullable().describe('Випадок, з плану якого передано послугу'),
  registrationNumber: z.string().nullable().describe('Номер заяви, напр. СП-2026-000123'),
  personId: z.uuid(),
  personName: z.string().describe('ПІБ отримувача послуги'),
  serviceId: z.uuid(),
  serviceName: z.string(),
  agencyId: z.number().int().describe('Надавач (установа)'),
  agencyName: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  declineReason: z.string().nullable().describe('Причина відмови надавача'),
  startedOn: z.string().nullable().describe('Дата початку надання (YYYY-MM-DD)'),
  completedOn: z.string().nullable().describe('Дата завершення (YYYY-MM-DD)'),
  notes: z.string().nullable().describe('Примітки управління для надавача'),
  completionNote: z.string().nullable().describe('Примітка надавача при завершенні'),
  assignedAt: z.string().describe('Коли призначено поточного надавача (ISO 8601)'),
  updatedAt: z.string(),
  version: z.number().int(),
};
export const assignmentSummarySchema = z.object(fields).describe('Призначення послуги надавачу');
export const assignmentSchema = z
  .object({ ...fields, history: z.array(historyItem).optional() })
  .describe('Призначення з історією');
export const assignmentListSchema = z.object({ items: z.array(assignmentSummarySchema), total: z.number().int() });

export type AssignmentJson = z.input<typeof assignmentSchema>;
