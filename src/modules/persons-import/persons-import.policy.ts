import type { Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { findImport, type ImportRow } from './import.queries.js';

/** An import of the hromada (a malformed id, another hromada's or an unknown import is not found); `lock` takes it for an update. */
export async function requireImport(c: Queryable, hromadaId: number, id: string, lock = false): Promise<ImportRow> {
  const imp = isUuid(id) ? await findImport(c, hromadaId, id, lock) : null;
  if (!imp) throw new AppError('not_found');
  return imp;
}
