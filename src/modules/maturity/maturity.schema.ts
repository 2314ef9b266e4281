import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { DOMAINS } from './maturity.template.js';

const V = 'maturity.v.';
const id = z.string().regex(/^[1-9][0-9]{0,15}$/);

export const assessmentParams = z.object({ id: z.uuid() });
export const questionParams = z.object({ id });
export const doneQuery = z.object({
  done: z.enum(['saved', 'submitted', 'added', 'updated']).optional().catch(undefined),
});

export const START_FIELDS = ['agencyId', 'year'];
export const startForm = z.object({
  agencyId: field.text().pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, `${V}agency`)
      .transform(Number),
  ),
  year: field.text().pipe(
    z
      .string()
      .regex(/^[0-9]{4}$/, `${V}year`)
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, `${V}year`),
  ),
});

/**
 * The assessment form: `q<id>` a score 0–4 (empty: not answered yet), `c<id>` a comment, `action` save or submit.
 * Any other field is ignored.
 */
export const answersForm = z.record(z.string(), z.unknown()).transform((v, ctx) => {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const [key, raw] of Object.entries(v)) {
    const m = /^([qc])([1-9][0-9]{0,15})$/.exec(key);
    if (!m || typeof raw !== 'string') continue;
    if (m[1] === 'q' && raw !== '') {
      if (!/^[0-4]$/.test(raw)) ctx.addIssue({ code: 'custom', path: [key], message: `${V}score` });
      else scores[m[2]] = Number(raw);
    }
    if (m[1] === 'c') {
      if (raw.length > 1000) ctx.addIssue({ code: 'custom', path: [key], message: `${V}comment` });
      else if (raw.trim()) comments[m[2]] = raw.trim();
    }
  }
  return { scores, comments, submit: v.action === 'submit' };
});

export const QUESTION_FIELDS = ['domain', 'text'];
export const questionForm = z.object({
  domain: field.text().pipe(z.enum(DOMAINS, { error: `${V}domain` })),
  text: field.text().pipe(z.string().min(3, `${V}text`).max(500, `${V}tooLong`)),
  active: field.checkbox().optional().default(true),
});
