import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { formErrors, orRerender, parseQuery, type FormErrors } from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { auditQuery, type AuditQuery } from './audit.schema.js';
import { listAuditActors } from './use-cases/list-audit-actors.js';
import { auditPagination, filterOptions, presentEntry } from './audit.presenter.js';
import { searchAuditTrail } from './use-cases/search-audit-trail.js';
import { verifyAuditTrail } from './use-cases/verify-audit-trail.js';

const EMPTY_QUERY: AuditQuery = { from: '', to: '', actor: '', entityType: '', entityId: '', operation: '' };

/** The audit trail of the current hromada: search (itself audited) and chain verification. */
export function auditRoutes(services: Services) {
  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    q: AuditQuery,
    errors: FormErrors,
    raw: Record<string, unknown>,
  ) {
    const actors = await listAuditActors(useCaseOf(req, services));
    const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string'));
    return reply.page(
      'audit/views/audit.njk',
      {
        pageTitle: req.t('audit.title'),
        q: { ...q, ...values },
        entries: [],
        searched: false,
        ...filterOptions(q, actors, req.t),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      400,
    );
  }

  return function (app: FastifyInstance): Promise<void> {
    app.get('/audit', async (req, reply) => {
      authorize(req.actor, 'audit.search');
      const raw: Record<string, unknown> = { ...(req.query ?? {}) };
      const parsed = parseQuery(req, auditQuery);
      if (!parsed.ok) return formPage(req, reply, EMPTY_QUERY, formErrors(req.t, parsed.problems), raw);
      const q = parsed.data;
      const r = await orRerender(
        req,
        () => searchAuditTrail({ ...useCaseOf(req, services), query: q }),
        (errors) => formPage(req, reply, q, errors, raw),
      );
      if (!r.done) return r.reply;
      const result = r.value;
      return reply.page('audit/views/audit.njk', {
        pageTitle: req.t('audit.title'),
        q,
        searched: true,
        entries: result.rows.map((r) => presentEntry(r, req.t)),
        pagination: auditPagination(q, result.rows, result.more, req.t),
        ...filterOptions(q, result.actors, req.t),
        errors: {},
        errorSummary: [],
      });
    });

    app.post('/audit/verify', async (req, reply) => {
      const result = await verifyAuditTrail({ ...useCaseOf(req, services), ownerUrl: services.ownerUrl });
      return reply.page('audit/views/verify.njk', {
        pageTitle: req.t('audit.verify.title'),
        ...result,
        ok: result.breaks.length === 0,
        breaks: result.breaks.map((b) => ({ ...b, problemText: req.t(`audit.verify.problem_${b.problem}`) })),
      });
    });
    return Promise.resolve();
  };
}
