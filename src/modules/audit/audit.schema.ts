import { z } from 'zod';

export const OPERATIONS = ['read', 'write', 'auth', 'admin'] as const;

/** Types of audited records, offered by the filter with their names (`audit.entityTypes.*`). */
export const ENTITY_TYPES = [
  'person',
  'household',
  'consent',
  'application',
  'assignment',
  'resident_document',
  'message',
  'case',
  'person_import',
  'person_merge',
  'user',
  'grant',
  'api_token',
  'district',
  'agency',
  'service',
  'life_situation',
  'hromada',
  'audit_log',
  'contract',
  'social_order',
] as const;

const opt = (max: number) => z.string().trim().max(max, { error: 'audit.errors.tooLong' }).default('');

/** Filters of the audit search (GET: they hold ids and codes, never a resident's personal data). */
export const auditQuery = z.object({
  from: opt(10),
  to: opt(10),
  actor: z.union([z.literal(''), z.uuid({ error: 'audit.errors.actor' })]).default(''),
  entityType: z
    .string()
    .trim()
    .regex(/^[a-z_.-]{0,50}$/, { error: 'audit.errors.entityType' })
    .default(''),
  entityId: opt(100),
  operation: z.union([z.literal(''), z.enum(OPERATIONS)], { error: 'validation.invalid' }).default(''),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditQuery = z.infer<typeof auditQuery>;
