import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { listMerges, loadMerge, type MergeRow } from '../persons-merge.queries.js';

export const MERGES_PAGE_SIZE = 25;

/** Merges of the hromada, newest first (the names shown are a read of personal data: audited). */
export async function listPersonMerges(o: { services: Services; actor: Actor | null; page: number; meta?: RequestMeta }) {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const result = await listMerges(c, hromadaId, MERGES_PAGE_SIZE, (o.page - 1) * MERGES_PAGE_SIZE);
    await writeAudit(c, { ...auditBy(actor, o.meta), action: 'person.merges', operation: 'read', entityType: 'person_merge',
      fields: ['name', 'birthDate'], reason: `results:${result.total}` });
    return result;
  });
}

/** One merge with what it moved; audited as a read of both records. */
export async function getPersonMerge(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<MergeRow> {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const merge = await loadMerge(c, hromadaId, o.id);
    if (!merge) throw new AppError('not_found');
    for (const id of [merge.survivor_id, merge.merged_id]) await requirePerson(c, actor, 'registry.read', id);
    for (const id of [merge.survivor_id, merge.merged_id]) {
      await writeAudit(c, {
        ...auditBy(actor, o.meta, hromadaId), action: 'person.mergeView', operation: 'read',
        entityType: 'person', entityId: id, fields: ['name', 'birthDate']
      });
    }
    return merge;
  });
}
