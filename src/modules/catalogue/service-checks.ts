import type { PoolClient } from 'pg';
import { ValidationError, type Problem } from '../../platform/errors.js';
import type { TenantActor } from '../../platform/policy.js';
import type { ServiceInput } from './catalogue.schema.js';
import {
  countActiveCategories,
  countAgencies,
  insertServiceHistory,
  isUniqueViolation,
  type ServiceCard,
} from './catalogue.queries.js';
import { snapshotOf } from './service-snapshot.js';

/** Providers and categories must be the hromada's own (RLS hides the others, so they are "unknown"). */
export async function checkReferences(c: PoolClient, input: ServiceInput) {
  const problems: Problem[] = [];
  if ((await countAgencies(c, input.providers)) !== new Set(input.providers).size) {
    problems.push({ field: 'providers', key: 'catalogue.v.providers' });
  }
  if ((await countActiveCategories(c, input.eligibleCategories)) !== new Set(input.eligibleCategories).size) {
    problems.push({ field: 'eligibleCategories', key: 'catalogue.v.categories' });
  }
  if (problems.length) throw new ValidationError(problems);
}

/** A code the hromada already uses is the form's problem, not a server error. */
export async function guardCode<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError([{ field: 'code', key: 'catalogue.v.codeTaken' }]);
    throw e;
  }
}

/** Keeps the card as it was in service_history (the version it had, who changed it and why). */
export async function recordHistory(
  c: PoolClient,
  o: { hromadaId: number; actor: TenantActor; card: ServiceCard; reason: string },
) {
  await insertServiceHistory(c, {
    hromadaId: o.hromadaId,
    serviceId: o.card.service.id,
    version: o.card.service.version,
    userId: o.actor.userId,
    snapshot: snapshotOf(o.card),
    reason: o.reason,
  });
}
