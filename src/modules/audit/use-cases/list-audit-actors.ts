import type { UseCase } from '../../../platform/use-case.js';
import { listActors } from '../audit.queries.js';

/** Who appears in the current hromada's audit trail (the search form's choices); none without a hromada. */
export async function listAuditActors(o: UseCase) {
  const hromadaId = o.actor?.hromadaId ?? null;
  if (hromadaId === null) return [];
  return o.services.db.tx({ hromadaId }, (c) => listActors(c, hromadaId));
}
