import type { UseCase } from '../../../platform/use-case.js';
import { requireSuperadmin } from '../admin.policy.js';
import { searchHromadas as searchRows } from '../hromadas.queries.js';

export const HROMADA_PAGE_SIZE = 25;

/** Hromadas of the codifier by name (superadmin only). */
export async function searchHromadas(o: UseCase<{ q: string; page: number }>) {
  requireSuperadmin(o.actor);
  return o.services.db.tx({ hromadaId: null }, (c) =>
    searchRows(c, o.q, HROMADA_PAGE_SIZE, (o.page - 1) * HROMADA_PAGE_SIZE),
  );
}
