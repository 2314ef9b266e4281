import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Queryable } from '../../platform/db.js';
import { listUserGrants } from '../../platform/actor.js';
import type { AuthUser } from './auth.queries.js';
import { deleteSession } from './auth.queries.js';

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
        ...s,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
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

/** A user as the actor of their own authentication events (a resident's entries are labelled «resident»). */
export const authActor = (user: AuthUser) => ({
  userId: user.id,
  displayName: user.username ?? 'resident',
  hromadaId: null,
});
