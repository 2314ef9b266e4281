import type { FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Problem } from './use-cases/apply-context.js';
import { requestMeta } from '../../platform/audit.js';


type Body = Record<string, unknown>;
export const bodyOf = (req: FastifyRequest): Body => (req.body && typeof req.body === 'object' ? req.body as Body : {});

/** A single text value of a form field ('' when absent or not text). */
export function str(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
}

export function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 100);
}

export interface PageErrors { errors: Record<string, { text: string }>; errorSummary: { text: string; href: string }[] }

/** Problems → the error summary and the field messages (the summary links to each field). */
export function pageErrors(problems: Problem[], t: TFunction): PageErrors {
  const out: PageErrors = { errors: {}, errorSummary: [] };
  for (const p of problems) {
    if (out.errors[p.field]) continue;
    const text = t(p.key, p.params ?? {});
    out.errors[p.field] = { text };
    out.errorSummary.push({ text, href: `#${p.field}` });
  }
  return out;
}
