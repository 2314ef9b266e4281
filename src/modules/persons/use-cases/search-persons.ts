import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { identifierHash } from '../persons.identifiers.js';
import { searchReach } from '../persons.policy.js';
import {
  identifierQuery,
  searchByIdentifier,
  searchByName,
  type SearchFilters,
  type SearchPage,
} from '../persons.search.js';

export type SearchOptions = UseCase<{ q: string; filters: SearchFilters; limit: number; offset: number }>;

/**
 * The registry's one search: an identifier is looked up exactly, anything else is a fuzzy name
 * search; filters and the actor's reach (district, agency) apply to both. The search itself is
 * audited (which filters, how many results — not the query text); the API passes `audit: ctx.asCallEntry`
 * so that this entry is the call's own.
 */
export async function searchPersons(o: SearchOptions): Promise<SearchPage> {
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const reach = searchReach(actor);
    if (!reach) throw new AppError('forbidden');
    const id = identifierQuery(o.q);
    const result = id
      ? await searchByIdentifier(
          c,
          hromadaId,
          id.kind,
          identifierHash(o.services, id.kind, id.value),
          o.filters,
          reach,
          o.limit,
          o.offset,
        )
      : await searchByName(c, hromadaId, o.q, o.filters, reach, o.limit, o.offset);
    await audit({
      action: id ? `person.search.${id.kind}` : 'person.search',
      operation: 'read',
      entityType: 'person',
      entityId: result.items.length === 1 ? result.items[0].id : undefined,
      fields: Object.keys(o.filters).filter((k) => o.filters[k as keyof SearchFilters] !== undefined),
      reason: `results:${String(result.total)}`,
    });
    return result;
  });
}
