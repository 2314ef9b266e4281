import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { FormProblem, toFormErrors, zodProblems, type FormErrors } from '../admin/form.js';
import { auditQuery, type AuditQuery } from './audit.schema.js';
import { listActors } from './audit.queries.js';
import { auditPagination, filterOptions, presentEntry } from './audit.presenter.js';
import { searchAuditTrail } from './use-cases/search-audit-trail.js';
import { verifyAuditTrail } from './use-cases/verify-audit-trail.js';
import { requestMeta } from '../../platform/audit.js';

const EMPTY_QUERY: AuditQuery = { from: '', to: '', actor: '', entityType: '', entityId: '', operation: '' };

/** The audit trail of the current hromada: search (itself audited) and chain verification. */
export function auditRoutes(services: Services) {
  const { db } = services;

  async function formPage(req: FastifyRequest, reply: FastifyReply, q: AuditQuery, errors: FormErrors,
    raw: Record<string, unknown>) {
    const hromadaId = req.actor?.hromadaId ?? null;
    const actors = hromadaId === null ? [] : await db.tx({ hromadaId }, (c) => listActors(c, hromadaId));
    const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return reply.page('audit/views/audit.njk', {
      pageTitle: req.t('audit.title'), q: { ...q, ...values }, entries: [], searched: false,
      ...filterOptions(q, actors, req.t), errors: errors.errors, errorSummary: errors.errorSummary,
    }, 400);
  }

  return async function (app: FastifyInstance) {
    app.get('/audit', async (req, reply) => {
      authorize(req.actor, 'audit.search');
      const raw = (req.query ?? {}) as Record<string, unknown>;
      const parsed = auditQuery.safeParse(raw);
      if (!parsed.success) return formPage(req, reply, EMPTY_QUERY, toFormErrors(req.t, zodProblems(parsed.error)), raw);
      const q = parsed.data;
      try {
        const result = await searchAuditTrail({ db, actor: req.actor, meta: requestMeta(req), query: q });
        return reply.page('audit/views/audit.njk', {
          pageTitle: req.t('audit.title'), q, searched: true,
          entries: result.rows.map((r) => presentEntry(r, req.t)),
          pagination: auditPagination(q, result.rows, result.more, req.t),
          ...filterOptions(q, result.actors, req.t), errors: {}, errorSummary: [],
        });
      } catch (e) {
        if (e instanceof FormProblem) return formPage(req, reply, q, toFormErrors(req.t, e.problems), raw);
        throw e;
      }
    });

    app.post('/audit/verify', async (req, reply) => {
      const result = await verifyAuditTrail({ db, ownerUrl: services.ownerUrl, actor: req.actor, meta: requestMeta(req) });
      return reply.page('audit/views/verify.njk', {
        pageTitle: req.t('audit.verify.title'), ...result, ok: result.breaks.length === 0,
        breaks: result.breaks.map((b) => ({ ...b, problemText: req.t(`audit.verify.problem_${b.problem}`) })),
      });
    });
  };
}
