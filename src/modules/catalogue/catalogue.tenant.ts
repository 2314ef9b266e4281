import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { UseCase } from '../../platform/use-case.js';
import { PUBLIC_CATALOGUE_OPENING } from './catalogue.queries.js';

/**
 * Whose catalogue a public page reads, in one transaction: a staff member's own hromada, anyone
 * else the public one (the first active hromada, as the header's name); none → not found.
 * The public pages need no permission (the catalogue is public information).
 */
export async function inCatalogue<T>(o: UseCase, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const own = o.actor?.kind === 'staff' ? o.actor.hromadaId : null;
  if (own !== null) return o.services.db.tx({ hromadaId: own }, work);
  return o.services.db.txOpenedWith(PUBLIC_CATALOGUE_OPENING, (c, rows) => {
    if (!rows[0]) throw new AppError('not_found');
    return work(c);
  });
}
