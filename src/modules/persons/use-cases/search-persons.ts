import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { identifierHash } from '../persons.identifiers.js';
import { searchReach } from '../persons.policy.js';
import { identifierQuery, searchByIdentifier, searchByName, type SearchFilters, type SearchPage } from '../persons.search.js';
import type { RequestMeta } from './register-person.js';

/**
 * The registry's one search: an identifier is looked up exactly, anything else is a fuzzy name
 * search; filters and the actor's reach (district, agency) apply to both. The search itself is
 * audited (which filters, how many results — not the query text).
 */
export async function searchPersons(o: SearchOptions): Promise<SearchPage> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => searchPersonsIn(c, o));
}

export interface SearchOptions {
  services: Services; actor: Actor | null; q: string; filters: SearchFilters; limit: number; offset: number; meta?: RequestMeta;
  /** The caller writes the audit entry itself (the API's one entry per call); otherwise it is written here. */
  auditTo?: (entry: SearchAudit) => void;
}

/** What the audit entry of a search names (never the query text). */
export interface SearchAudit { action: string; entityType: 'person'; entityId?: string; fields: string[]; reason: string }

/** The same within a transaction the caller holds (API calls). */
export async function searchPersonsIn(c: PoolClient, o: SearchOptions): Promise<SearchPage> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const reach = searchReach(actor);
  if (!reach) throw new AppError('forbidden');
  const hromadaId = actor.hromadaId!;
  {
    const id = identifierQuery(o.q);
    const result = id
      ? await searchByIdentifier(c, hromadaId, id.kind, identifierHash(o.services, id.kind, id.value), o.filters, reach, o.limit, o.offset)
      : await searchByName(c, hromadaId, o.q, o.filters, reach, o.limit, o.offset);
    const entry: SearchAudit = {
      action: id ? `person.search.${id.kind}` : 'person.search', entityType: 'person',
      entityId: result.items.length === 1 ? result.items[0].id : undefined,
      fields: Object.keys(o.filters).filter((k) => o.filters[k as keyof SearchFilters] !== undefined),
      reason: `results:${result.total}`,
    };
    if (o.auditTo) o.auditTo(entry);
    else {
      await writeAudit(c, { ...auditBy(actor, o.meta, hromadaId), operation: 'read', ...entry });
    }
    return result;
  }
}
