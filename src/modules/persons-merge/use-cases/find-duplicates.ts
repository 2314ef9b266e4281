import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { listDuplicatePairs } from '../persons-merge.queries.js';

export const PAGE_SIZE = 25;

/** One page of possible duplicate pairs; the read (names and birth dates) is audited. */
export async function findDuplicates(o: { services: Services; actor: Actor | null; page: number; meta?: RequestMeta }) {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const result = await listDuplicatePairs(c, hromadaId, PAGE_SIZE, (o.page - 1) * PAGE_SIZE);
    await writeAudit(c, { ...auditBy(actor, o.meta), action: 'person.duplicates', operation: 'read', entityType: 'person',
      fields: ['name', 'birthDate'], reason: `results:${result.total}` });
    return result;
  });
}
