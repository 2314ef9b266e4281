import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { isIsoDate } from '../../platform/dates.js';
import { uuidSchema } from '../../platform/ids.js';
import { CONTRACT_FORMS, ORDER_STATUSES, SERVICE_ROWS, UNITS, type Unit } from './contract-rules.js';
import { CONTRACT_SORTS } from './contracts.queries.js';
import { ORDER_SORTS } from './social-orders.queries.js';

const V = 'contracts.v.';
const date = (key: string) => z.string({ error: `${V}${key}` }).refine(isIsoDate, `${V}${key}`);
const DECIMAL = /^\d{1,10}([.,]\d{1,2})?$/;
const decimal = (v: string) => Number(v.replace(',', '.'));

export const contractParams = z.object({ id: uuidSchema });
export const newContractQuery = z.object({ personId: uuidSchema.optional().catch(undefined) });
export const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) }).catch({ done: undefined });

/** One posted row of services: the service, its volume with the unit, and a money amount (cost or unit price). */
interface RowOut {
  serviceId: string;
  volume: number;
  unit: Unit;
  amount: number;
}

/**
 * The service rows of a form (`service-1`, `volume-1`, `unit-1`, `<amount>-1` … up to SERVICE_ROWS): blank rows are
 * ignored; a row with a service needs a volume above zero and a unit; the same service twice is refused; no row at
 * all is refused by the caller. Problems name the row's own field.
 */
function serviceRows(body: Record<string, unknown>, amount: string, ctx: z.RefinementCtx): RowOut[] {
  const out: RowOut[] = [];
  const text = (k: string) => {
    const v = body[k];
    return typeof v === 'string' ? v.trim() : '';
  };
  const issue = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: `${V}${key}` });
  for (let n = 1; n <= SERVICE_ROWS; n++) {
    const serviceId = text(`service-${n}`);
    const vol = text(`volume-${n}`);
    const unit = text(`unit-${n}`);
    const money = text(`${amount}-${n}`);
    if (!serviceId) {
      if (vol || money) issue(`service-${n}`, 'service');
      continue;
    }
    if (!uuidSchema.safeParse(serviceId).success) {
      issue(`service-${n}`, 'service');
      continue;
    }
    if (out.some((r) => r.serviceId === serviceId)) issue(`service-${n}`, 'serviceTwice');
    const volume = DECIMAL.test(vol) ? decimal(vol) : NaN;
    if (!(volume > 0)) issue(`volume-${n}`, 'volume');
    const u = UNITS.find((x) => x === unit);
    if (!u) issue(`unit-${n}`, 'unit');
    const m = money === '' ? (amount === 'cost' ? 0 : NaN) : DECIMAL.test(money) ? decimal(money) : NaN;
    if (!(m >= 0)) issue(`${amount}-${n}`, amount);
    out.push({ serviceId, volume, unit: u ?? 'hour', amount: m });
  }
  return out;
}

const contractBase = z.object({
  personId: field.text().pipe(uuidSchema),
  agencyId: field.text().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, `${V}agency`)
      .transform(Number),
  ),
  number: field.text().pipe(z.string().min(1, `${V}number`).max(50, `${V}tooLong`)),
  form: field.text().pipe(z.enum(CONTRACT_FORMS, { error: `${V}form` })),
  signedOn: date('signedOn'),
  startsOn: date('startsOn'),
  endsOn: date('endsOn'),
  caseId: field.optional().pipe(uuidSchema.optional()),
});

/** The contract form: who, with which provider, the paper's number, form, dates, the case, the services. */
export const contractForm = z.unknown().transform((raw, ctx) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  const base = contractBase.safeParse(body);
  if (!base.success)
    for (const i of base.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  const services = serviceRows(body, 'cost', ctx);
  if (!services.length) ctx.addIssue({ code: 'custom', path: ['service-1'], message: `${V}noServices` });
  if (base.success && base.data.endsOn < base.data.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `${V}endsBeforeStarts` });
  if (!base.success) return z.NEVER;
  return {
    ...base.data,
    services: services.map((s) => ({ serviceId: s.serviceId, volume: s.volume, unit: s.unit, monthlyCost: s.amount })),
  };
});
export type ContractInput = Extract<z.infer<typeof contractForm>, { personId: string }>;

export const CONTRACT_FIELDS = [
  'agencyId',
  'number',
  'form',
  'signedOn',
  'startsOn',
  'endsOn',
  'caseId',
  ...Array.from({ length: SERVICE_ROWS }, (_, i) => [
    `service-${i + 1}`,
    `volume-${i + 1}`,
    `unit-${i + 1}`,
    `cost-${i + 1}`,
  ]).flat(),
] as const;

export const terminateForm = z.object({
  terminatedOn: date('terminatedOn'),
  reason: field.text().pipe(z.string().min(1, `${V}reason`).max(2000, `${V}tooLong`)),
  confirm: field.text().pipe(z.literal('yes', { error: `${V}confirm` })),
});

export const contractsQuery = z.object({
  agencyId: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
  status: z.enum(['active', 'terminated']).optional().catch(undefined),
  sort: z.enum(CONTRACT_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const overviewQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

// --- social orders ---

export const orderParams = z.object({ id: uuidSchema });

const orderBase = z.object({
  number: field.text().pipe(z.string().min(1, `${V}number`).max(50, `${V}tooLong`)),
  title: field.text().pipe(z.string().min(1, `${V}title`).max(300, `${V}tooLong`)),
  startsOn: date('startsOn'),
  endsOn: date('endsOn'),
  budget: field.text().pipe(z.string().regex(DECIMAL, `${V}budget`).transform(decimal)),
});

/** A social order: number, subject, period, budget and its lines (service, volume, unit, unit price). */
export const orderForm = z.unknown().transform((raw, ctx) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  const base = orderBase.safeParse(body);
  if (!base.success)
    for (const i of base.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  const lines = serviceRows(body, 'price', ctx);
  if (!lines.length) ctx.addIssue({ code: 'custom', path: ['service-1'], message: `${V}noServices` });
  if (base.success && base.data.endsOn < base.data.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `${V}endsBeforeStarts` });
  if (base.success && !(base.data.budget > 0))
    ctx.addIssue({ code: 'custom', path: ['budget'], message: `${V}budget` });
  if (!base.success) return z.NEVER;
  return {
    ...base.data,
    lines: lines.map((l) => ({ serviceId: l.serviceId, volume: l.volume, unit: l.unit, unitPrice: l.amount })),
  };
});
export type OrderInput = Extract<z.infer<typeof orderForm>, { number: string }>;

export const ORDER_FIELDS = [
  'number',
  'title',
  'startsOn',
  'endsOn',
  'budget',
  ...Array.from({ length: SERVICE_ROWS }, (_, i) => [
    `service-${i + 1}`,
    `volume-${i + 1}`,
    `unit-${i + 1}`,
    `price-${i + 1}`,
  ]).flat(),
] as const;

export const announceForm = z.object({
  announcedOn: date('announcedOn'),
  announcementNumber: field.text().pipe(z.string().min(1, `${V}announcementNumber`).max(100, `${V}tooLong`)),
  announcementPlace: field.text().pipe(z.string().min(1, `${V}announcementPlace`).max(500, `${V}tooLong`)),
});

export const bidForm = z.object({
  bidderName: field.text().pipe(z.string().min(1, `${V}bidderName`).max(300, `${V}tooLong`)),
  bidderCode: field.text().pipe(z.string().regex(/^\d{8}$|^\d{10}$/, `${V}bidderCode`)),
  price: field.text().pipe(
    z
      .string()
      .regex(DECIMAL, `${V}bidPrice`)
      .transform(decimal)
      .refine((v) => v > 0, `${V}bidPrice`),
  ),
  score: field.optional().pipe(
    z
      .string()
      .regex(/^\d{1,4}([.,]\d{1,2})?$/, `${V}score`)
      .transform(decimal)
      .refine((v) => v <= 1000, `${V}score`)
      .optional(),
  ),
});

export const awardForm = z.object({
  bidId: field.text().pipe(uuidSchema.or(z.literal('')).refine((v) => v !== '', `${V}winner`)),
  agencyId: field.text().pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, `${V}agency`)
      .transform(Number),
  ),
  decidedOn: date('decidedOn'),
  decisionNumber: field.text().pipe(z.string().min(1, `${V}decisionNumber`).max(100, `${V}tooLong`)),
  evaluationNote: field.text().pipe(z.string().min(1, `${V}evaluationNote`).max(4000, `${V}tooLong`)),
});

export const closeOrderForm = z.object({ closedOn: date('closedOn') });

export const ordersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  sort: z.enum(ORDER_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
