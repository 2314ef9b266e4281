import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { findServiceCard, findSituation, type ServiceCard, type SituationRow } from './catalogue.queries.js';

/**
 * A service card of the transaction's hromada (RLS hides the others), or not found. `active` asks for a
 * service in the catalogue now (the public pages and the API); `lock` takes the row for an update.
 */
export async function requireServiceCard(
  c: Queryable,
  id: string,
  o: { active?: boolean; lock?: boolean } = {},
): Promise<ServiceCard> {
  const card = await findServiceCard(c, id, { lock: o.lock });
  if (!card || (o.active && !card.service.active)) throw new AppError('not_found');
  return card;
}

/** A life situation of the transaction's hromada by id or slug (`active`: shown to the public), or not found. */
export async function requireSituation(
  c: Queryable,
  by: { slug?: string; id?: string },
  o: { active?: boolean } = {},
): Promise<SituationRow> {
  const row = await findSituation(c, by);
  if (!row || (o.active && !row.active)) throw new AppError('not_found');
  return row;
}
