import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { isAppError, ValidationError } from '../../platform/errors.js';
import { parseParams, parseWith } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { conflictsBody, opIdOnly, packageBody, syncBody, tripParams } from './outreach.schema.js';
import { issuePackage } from './use-cases/issue-package.js';
import { applySyncOp } from './use-cases/apply-sync-op.js';
import { learnConflicts } from './use-cases/learn-conflicts.js';
import { PackageRefusal } from './package-token.js';

/** Largest operation the workstation sends: one application with its documents (base64). */
const SYNC_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The offline workstation's JSON calls (decision 0036 part 5): the trip's package for the worker's password, a fresh CSRF
 * token, the sync of one operation per request, and what became of the conflicts a sync made. Answers are JSON
 * `{message}` on refusal, never cached.
 */
export function syncRoutes(services: Services) {
  const refuse = (reply: FastifyReply, status: number, message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).send({ message, ...extra });
  const signedIn = (req: FastifyRequest, reply: FastifyReply) => {
    noStore(reply);
    if (req.actor?.kind === 'staff') return true;
    void refuse(reply, 401, req.t('outreach.sync.signIn'));
    return false;
  };

  return function (app: FastifyInstance) {
    app.get('/outreach/csrf', async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      return { token: reply.generateCsrf() };
    });

    app.post('/outreach/trips/:id/package', async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      const { id } = parseParams(req, tripParams);
      const body = parseWith(packageBody, req.body);
      if (!body.ok) return refuse(reply, 400, req.t(body.problems[0].key));
      try {
        return await issuePackage({ ...useCaseOf(req, services), tripId: id, password: body.data.password });
      } catch (e) {
        if (!isAppError(e)) throw e;
        const key = e instanceof ValidationError ? e.problems[0].key : e.messageKey;
        return refuse(reply, e.status, req.t(key));
      }
    });

    // What became of the conflicts the device's syncs were answered with (resolved: the resident as they are now).
    app.post('/outreach/sync/conflicts', async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      const body = parseWith(conflictsBody, req.body);
      if (!body.ok) return refuse(reply, 400, req.t('outreach.v.op'));
      const token = req.headers['x-outreach-package'];
      try {
        const conflicts = await learnConflicts({
          ...useCaseOf(req, services),
          token: typeof token === 'string' ? token : '',
          ids: body.data.ids,
        });
        return { conflicts };
      } catch (e) {
        if (e instanceof PackageRefusal) return refuse(reply, e.status, req.t(e.messageKey));
        throw e;
      }
    });

    app.post('/outreach/sync', { bodyLimit: SYNC_BODY_LIMIT }, async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      const body = parseWith(syncBody, req.body);
      const op = body.ok ? body.data.op : undefined;
      const opId = parseWith(opIdOnly, op);
      if (!opId.ok) return refuse(reply, 400, req.t('outreach.v.op'));
      const token = req.headers['x-outreach-package'];
      try {
        return await applySyncOp({ ...useCaseOf(req, services), token: typeof token === 'string' ? token : '', op });
      } catch (e) {
        if (e instanceof PackageRefusal) return refuse(reply, e.status, req.t(e.messageKey));
        if (!isAppError(e) || e.status >= 500 || e.code === 'unauthenticated') throw e;
        // The operation is refused (nothing of it stored); the sync goes on with the next.
        const problem = e instanceof ValidationError ? e.problems[0] : null;
        return {
          opId: opId.data.opId,
          status: 'refused',
          message: req.t(problem?.key ?? e.messageKey, (e.details as Record<string, unknown>) ?? {}),
          field: problem?.field ?? null,
        };
      }
    });
  };
}
