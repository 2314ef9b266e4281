import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { identifierHash } from '../persons.identifiers.js';
import { searchReach } from '../persons.policy.js';
import { identifierQuery, searchByIdentifier, searchByName, type SearchFilters, type SearchPage } from '../persons.search.js';
import type { RequestMeta } from './register-person.js';

/**
 * The registry's one search: an identifier is looked up exactly, anything else is a fuzzy name
 * search; filters and the actor's reach (district, agency) apply to both. The search itself is
 * audited (which filters, how many results — not the query text).
 */
export async function searchPersons(o: {
  services: Services; actor: Actor | null; q: string; filters: SearchFilters; limit: number; offset: number; meta?: RequestMeta;
}): Promise<SearchPage> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const reach = searchReach(actor);
  if (!reach) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const id = identifierQuery(o.q);
    const result = id
      ? await searchByIdentifier(c, hromadaId, id.kind, identifierHash(o.services, id.kind, id.value), o.filters, reach, o.limit, o.offset)
      : await searchByName(c, hromadaId, o.q, o.filters, reach, o.limit, o.offset);
    await writeAudit(c, {
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: id ? `person.search.${id.kind}` : 'person.search',
      operation: 'read', entityType: 'person', entityId: result.items.length === 1 ? result.items[0].id : null,
      fields: Object.keys(o.filters).filter((k) => o.filters[k as keyof SearchFilters] !== undefined),
      reason: `results:${result.total}`, ip: o.meta?.ip, requestId: o.meta?.requestId,
    });
    return result;
  });
}
