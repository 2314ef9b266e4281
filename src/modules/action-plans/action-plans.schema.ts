import { z } from 'zod';
import { FUNDING_KINDS } from './plan-format.js';
import { field } from '../../platform/forms.js';
import { isIsoDate } from '../../platform/dates.js';
import { TASK_STATUSES } from './action-plans.queries.js';

const V = 'plans.v.';
const id = z.string().regex(/^[1-9][0-9]{0,15}$/);

export const planParams = z.object({ id });
export const taskParams = z.object({ id, taskId: id });
export const goalParams = z.object({ id, goalId: id });
export const fundingParams = z.object({ id, taskId: id, fundingId: id });
export const noteParams = z.object({ id, taskId: id, noteId: z.uuid() });
export const valueParams = z.object({ id, taskId: id, indicatorId: id });
export const reportParams = z.object({ id, reportId: z.uuid() });
export const reportFileParams = z.object({ id, reportId: z.uuid(), format: z.enum(['pdf', 'xlsx']) });

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});
export const doneQuery = z.object({
  done: z
    .enum([
      'imported',
      'note',
      'value',
      'bound',
      'frozen',
      'published',
      'draft',
      'edited',
      'unchanged',
      'refresh',
      'funding',
      'fundingSource',
      'taskAdded',
      'planEdited',
      'goalEdited',
      'indicator',
      'indicatorAdded',
      'goalAdded',
      'goalRemoved',
      'taskRemoved',
      'indicatorRemoved',
      'fundingRemoved',
    ])
    .optional()
    .catch(undefined),
});

/** A number as people write it: «12», «12,5», «1 200»; empty is «no value». */
const amount = field.optional().pipe(
  z
    .string()
    .optional()
    .transform((v) => (v === undefined ? null : Number(v.replace(/\s/g, '').replace(',', '.'))))
    .refine((n) => n === null || (Number.isFinite(n) && Math.abs(n) < 1e13), `${V}number`),
);

export const NOTE_FIELDS = ['notedOn', 'body', 'status', 'file'];
export const noteForm = z.object({
  notedOn: z.string({ error: `${V}notedOn` }).refine(isIsoDate, `${V}notedOn`),
  body: field.text().pipe(z.string().min(1, `${V}body`).max(4000, `${V}tooLong`)),
  status: field.optional().pipe(z.enum(TASK_STATUSES, { error: `${V}status` }).optional()),
});

export const TASK_FIELDS = ['title', 'period', 'expectedResult', 'executors'];
export const taskForm = z.object({
  title: field.text().pipe(z.string().min(1, `${V}taskTitle`).max(1000, `${V}tooLong`)),
  period: field.optional().pipe(
    z
      .string()
      .max(200, `${V}tooLong`)
      .optional()
      .transform((v) => v ?? null),
  ),
  expectedResult: field.optional().pipe(
    z
      .string()
      .max(4000, `${V}tooLong`)
      .optional()
      .transform((v) => v ?? null),
  ),
  executors: field.optional().pipe(
    z
      .string()
      .max(5000, `${V}tooLong`)
      .optional()
      .transform((v) => [
        ...new Set(
          (v ?? '')
            .split(/[;\n]/)
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .refine((xs) => xs.length <= 50 && xs.every((x) => x.length <= 300), `${V}executors`),
  ),
});

export const VALUE_FIELDS = ['period', 'target', 'actual'];
export const valueForm = z
  .object({
    period: field.text().pipe(z.string().regex(/^[0-9]{4}(-H[12]|-Q[1-4])?$/, `${V}period`)),
    target: amount,
    actual: amount,
  })
  .refine((v) => v.target !== null || v.actual !== null, { error: `${V}noValue`, path: ['actual'] });

const optionalText = (max: number) =>
  field.optional().pipe(
    z
      .string()
      .max(max, `${V}tooLong`)
      .optional()
      .transform((v) => v ?? null),
  );
/** An amount of money: a number that is not negative. */
const money = amount.refine((n) => n === null || n >= 0, `${V}negative`);

export const INDICATOR_FIELDS = ['name', 'unit', 'baseline', 'responsible'];
export const indicatorForm = z.object({
  name: field.text().pipe(z.string().min(1, `${V}indicatorName`).max(1000, `${V}tooLong`)),
  unit: optionalText(100),
  baseline: amount,
  responsible: optionalText(500),
});

export const FUNDING_FIELDS = ['funding', 'year', 'planned', 'spent'];
export const fundingForm = z
  .object({
    funding: field.text().pipe(z.string().regex(/^[1-9][0-9]{0,15}$/, `${V}funding`)),
    year: field.text().pipe(
      z
        .string()
        .regex(/^[0-9]{4}$/, `${V}fundingYear`)
        .transform(Number)
        .refine((y) => y >= 1991 && y <= 2100, `${V}fundingYear`),
    ),
    planned: money,
    spent: money,
  })
  .refine((v) => v.planned !== null || v.spent !== null, { error: `${V}noAmount`, path: ['planned'] });

export const NEW_TASK_FIELDS = ['goal', 'code', ...TASK_FIELDS];
export const newTaskForm = taskForm.extend({
  goal: field.text().pipe(z.string().regex(/^[1-9][0-9]{0,15}$/, `${V}goal`)),
  code: field.text().pipe(z.string().min(1, `${V}code`).max(50, `${V}tooLong`)),
});

const year = field.optional().pipe(
  z
    .string()
    .regex(/^[0-9]{4}$/, `${V}planYear`)
    .transform(Number)
    .refine((y) => y >= 1991 && y <= 2100, `${V}planYear`)
    .optional()
    .transform((v) => v ?? null),
);
export const PLAN_FIELDS = ['title', 'approvedBy', 'actNumber', 'actDate', 'periodFrom', 'periodTo'];
export const planDocForm = z
  .object({
    title: field.text().pipe(z.string().min(1, `${V}planTitle`).max(1000, `${V}tooLong`)),
    approvedBy: optionalText(1000),
    actNumber: optionalText(100),
    actDate: z
      .string()
      .optional()
      .refine((d) => d === undefined || isIsoDate(d), `${V}actDate`)
      .transform((d) => d ?? null),
    periodFrom: year,
    periodTo: year,
  })
  .refine((v) => v.periodFrom === null || v.periodTo === null || v.periodFrom <= v.periodTo, {
    error: `${V}planPeriod`,
    path: ['periodTo'],
  });

export const goalForm = z.object({
  title: field.text().pipe(z.string().min(1, `${V}goalTitle`).max(2000, `${V}tooLong`)),
});

// Where a new goal goes: «strategic» for a strategic goal, or the id of the strategic goal an operational one is under.
export const NEW_GOAL_FIELDS = ['parent', 'code', 'title'];
export const newGoalForm = goalForm.extend({
  parent: field
    .text()
    .pipe(z.string().regex(/^(strategic|[1-9][0-9]{0,15})$/, `${V}goalParent`))
    .transform((v) => (v === 'strategic' ? null : v)),
  code: field.text().pipe(z.string().min(1, `${V}code`).max(50, `${V}tooLong`)),
});

export const SOURCE_FIELDS = ['sourceKind', 'sourceName'];
export const sourceForm = z.object({
  sourceKind: field.text().pipe(z.enum(FUNDING_KINDS, { error: `${V}sourceKind` })),
  sourceName: field.text().pipe(z.string().min(1, `${V}sourceName`).max(500, `${V}tooLong`)),
});

export const REPORT_FIELDS = ['kind', 'year', 'half'];
export const reportForm = z
  .object({
    kind: field.text().pipe(z.enum(['annual', 'semiannual'], { error: `${V}reportKind` })),
    year: field.text().pipe(
      z
        .string()
        .regex(/^[0-9]{4}$/, `${V}reportYear`)
        .transform(Number)
        .refine((y) => y >= 1991 && y <= 2100, `${V}reportYear`),
    ),
    half: field.optional().pipe(
      z
        .enum(['1', '2'], { error: `${V}half` })
        .optional()
        .transform((h) => (h === undefined ? null : (Number(h) as 1 | 2))),
    ),
  })
  .refine((r) => r.kind === 'annual' || r.half !== null, { error: `${V}half`, path: ['half'] })
  .transform((r) => ({ ...r, half: r.kind === 'annual' ? null : r.half }));

// API
export const planApiParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const plansApiQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const counts = z.object({
  strategicGoals: z.number().int(),
  operationalGoals: z.number().int(),
  tasks: z.number().int(),
  indicators: z.number().int(),
});
export const importResultJson = z.object({ id: z.number().int(), counts }).describe('Імпортований план');
export const planSummaryJson = z.object({
  id: z.number().int(),
  title: z.string(),
  approvedBy: z.string().nullable(),
  number: z.string().nullable(),
  date: z.string().nullable().describe('РРРР-ММ-ДД'),
  period: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  status: z.enum(['draft', 'published']),
  tasks: z.number().int(),
  tasksDone: z.number().int(),
  tasksOverdue: z.number().int(),
});
export const planListJson = z.object({ items: z.array(planSummaryJson), total: z.number().int() });
/** The exchange format (docs/action-plans/schema.json); checked by the import itself, path by path. */
export const planDocumentBody = z
  .unknown()
  .describe(
    'План у форматі обміну (docs/action-plans/schema.json): hromada, document, values, strategic_goals, monitoring',
  );
export const planDocumentJson = z
  .record(z.string(), z.unknown())
  .describe(
    'План у форматі обміну (docs/action-plans/schema.json): hromada, document, values, strategic_goals, monitoring',
  );

export const publicParams = z.object({ code: z.string().regex(/^UA[0-9]{17}$/) });
export const publicPlanParams = z.object({ code: z.string().regex(/^UA[0-9]{17}$/), id });

/** The import form: the plan file, read into memory by the form's multipart scope (at most 2 MB). */
export const importForm = z.object({ file: z.instanceof(Buffer).optional() });
