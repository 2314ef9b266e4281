import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Queryable } from '../../platform/db.js';
import { writeAudit } from '../../platform/audit.js';
import { listUserGrants } from '../../platform/actor.js';
import type { AuthUser } from './auth.queries.js';
import { deleteSession } from './auth.queries.js';

/** Where a request came from, for the audit trail (no personal data of the form). */
export interface RequestMeta {
  ip: string;
  requestId: string;
  userAgent: string;
}

export const metaOf = (req: FastifyRequest): RequestMeta => ({
  ip: req.ip, requestId: req.id, userAgent: String(req.headers['user-agent'] ?? ''),
});

/** Starts sessions for a use-case without it knowing about HTTP. */
export interface SessionPort {
  /** Ends the current session (in transaction `q`) and starts a new one with a new token (rotation). */
  start(q: Queryable, s: { userId: string; hromadaId: number | null; mfaPassed: boolean }): Promise<void>;
}

export function sessionPort(services: Services, req: FastifyRequest, reply: FastifyReply): SessionPort {
  return {
    async start(q, s) {
      if (req.session) await deleteSession(q, req.session.idHash);
      await services.sessions.create(reply, {
        ...s, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''),
      });
    },
  };
}

/** The hromada a staff member starts in: the home one when they hold a grant there, else the first. */
export async function startingHromada(services: Services, user: AuthUser): Promise<number | null> {
  const grants = await listUserGrants(services.db, user.id);
  if (user.homeHromadaId !== null && grants.some((g) => g.hromadaId === user.homeHromadaId)) return user.homeHromadaId;
  return grants[0]?.hromadaId ?? null;
}

/** One authentication event in the audit trail. Never carries a password or a code. */
export async function auditAuth(q: Queryable, e: {
  action: string; hromadaId: number | null; user?: AuthUser | null; reason?: string; fields?: string[]; meta: RequestMeta;
}) {
  await writeAudit(q, {
    hromadaId: e.hromadaId,
    actorId: e.user?.id ?? null,
    actorLabel: e.user ? (e.user.username ?? 'resident') : null,
    action: e.action,
    operation: 'auth',
    entityType: e.user ? 'user' : null,
    entityId: e.user?.id ?? null,
    fields: e.fields ?? [],
    reason: e.reason ?? null,
    ip: e.meta.ip,
    requestId: e.meta.requestId,
  });
}
