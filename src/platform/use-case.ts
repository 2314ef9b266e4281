/**
 * The one use-case shape. A use-case is a verb-noun file (`rename-thing.ts`) exporting one function
 * that takes one options object: the services, the actor, the request meta and its own input.
 * It starts with `inTenant`, which checks the permission (deny by default), opens the tenant's
 * transaction (or joins the caller's, e.g. an API call's) and hands over the tenant id and an
 * audit writer bound to the actor and request. SQL stays in the module's `*.queries.ts`.
 *
 *   export async function renameThing(o: UseCase<{ id: string; name: string }>) {
 *     return inTenant(o, 'things.write', async ({ c, hromadaId, audit }) => {
 *       const thing = await requireThing(c, o.actor, o.id);          // policy: the record's own check
 *       await updateThingName(c, hromadaId, o.id, o.name);            // queries
 *       await audit({ action: THING_RENAMED, operation: 'write', entityType: THING, entityId: o.id });
 *     });
 *   }
 */
import type { FastifyRequest } from 'fastify';
import type { PoolClient } from 'pg';
import type { Services } from '../services.js';
import { auditWriter, requestMeta, type AuditWriter, type RequestMeta } from './audit.js';
import { authorize, type Action, type Actor, type RecordScope, type TenantActor } from './policy.js';

/** What every use-case takes, plus its own input `I`. */
export type UseCase<I = object> = I & {
  services: Services;
  actor: Actor | null;
  meta?: RequestMeta;
  /** The caller's open tenant transaction (an API call's, or a use-case that composes others); otherwise one is opened. */
  tx?: PoolClient;
  /** The caller's audit writer (the API writes its entries at commit); otherwise one is made for the transaction. */
  audit?: AuditWriter;
};

/** What `inTenant` hands to the work. */
export interface TenantWork {
  c: PoolClient;
  actor: TenantActor;
  hromadaId: number;
  audit: AuditWriter;
}

/**
 * The use-case prologue: authorize → tenant transaction → work. The permission is checked before
 * any database work; `record` narrows it to one record's scope when the caller already knows it.
 */
export async function inTenant<T>(
  o: UseCase,
  action: Action,
  work: (w: TenantWork) => Promise<T>,
  record?: RecordScope,
): Promise<T> {
  authorize(o.actor, action, record);
  const actor = o.actor;
  const run = (c: PoolClient) =>
    work({ c, actor, hromadaId: actor.hromadaId, audit: o.audit ?? auditWriter(c, actor, o.meta) });
  return o.tx ? run(o.tx) : o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, run);
}

/** The common part of a use-case's options, from a request: the services, the acting user and the request meta. */
export const useCaseOf = (req: FastifyRequest, services: Services) => ({
  services,
  actor: req.actor ?? null,
  meta: requestMeta(req),
});
