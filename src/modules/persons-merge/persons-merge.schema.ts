import { z } from 'zod';
import { problem, type Problem } from '../../platform/errors.js';

const uuid = z.uuid({ error: 'personsMerge.errors.ids' });

/** `?page=N` of the lists; anything odd reads as the first page. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  done: z.string().optional().catch(undefined),
});

/** The two records to compare (ids only: never personal data in URLs). */
export const compareQuery = z.object({ a: uuid, b: uuid });

export const mergeForm = z.object({
  a: uuid,
  b: uuid,
  survivor: z.enum(['a', 'b'], { error: 'personsMerge.errors.survivor' }),
  reason: z
    .string({ error: 'personsMerge.errors.reasonRequired' })
    .trim()
    .min(1, { error: 'personsMerge.errors.reasonRequired' })
    .max(1000, { error: 'personsMerge.errors.reasonTooLong' }),
});
export type MergeForm = z.infer<typeof mergeForm>;

export const undoForm = mergeForm.pick({ reason: true });

/**
 * zod issues → form problems; our schemas carry `personsMerge.*` message keys, which win over the
 * platform's generic «required» (a missing reason says what to write).
 */
export function formProblems(error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({
    field: String(i.path[0] ?? 'form'),
    key: i.message.startsWith('personsMerge.')
      ? i.message
      : i.code === 'invalid_type'
        ? 'validation.required'
        : 'validation.invalid',
  }));
}

export const REASON_MAX = 1000;

/** A reason is required for merges and unmerges; it goes to the audit trail. */
export function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw problem('reason', 'personsMerge.errors.reasonRequired');
  if (r.length > REASON_MAX) throw problem('reason', 'personsMerge.errors.reasonTooLong');
  return r;
}

/** Pairs per page of the duplicate candidates, merges per page of the history. */
export const DUPLICATES_PAGE_SIZE = 25;
export const MERGES_PAGE_SIZE = 25;
