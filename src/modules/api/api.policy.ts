import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { selectToken, type TokenRow } from './api.queries.js';

/** A token of the transaction's hromada (RLS hides other hromadas' tokens): anything else is not found. */
export async function requireToken(c: Queryable, id: string): Promise<TokenRow> {
  const row = await selectToken(c, id);
  if (!row) throw new AppError('not_found');
  return row;
}
