import { authorize } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { nameTokens } from '../../persons/persons.tokens.js';
import { personLinks } from '../persons-merge.links.js';
import {
  lockMerge,
  lockPersons,
  markUndone,
  restoreLinks,
  setPersonColumns,
  unmarkMerged,
} from '../persons-merge.queries.js';
import { requireReason } from '../persons-merge.schema.js';

/**
 * Undoes a merge (managers: it needs reading both records, see `registry.unmerge` in the policy): the
 * survivor's filled fields get their old values, the merged record becomes live again and exactly the
 * moved rows go back to it. Refused (409) when the survivor changed since in a way that conflicts: a
 * filled field edited, a moved row gone, or the survivor itself merged into another record later.
 */
export async function unmergePersons(
  o: UseCase<{ hooks: HookRegistry; mergeId: string; reason: string }>,
): Promise<{ survivorId: string; mergedId: string }> {
  authorize(o.actor, 'registry.unmerge');
  authorize(o.actor, 'registry.read');
  const reason = requireReason(o.reason);
  if (!isUuid(o.mergeId)) throw new AppError('not_found');
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const merge = await lockMerge(c, hromadaId, o.mergeId);
    if (!merge) throw new AppError('not_found');
    if (merge.undone_at) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyUndone' });
    for (const id of [merge.survivor_id, merge.merged_id]) await requirePerson(c, actor, 'registry.read', id);
    const persons = await lockPersons(c, hromadaId, [merge.survivor_id, merge.merged_id]);
    const survivor = persons.get(merge.survivor_id);
    const merged = persons.get(merge.merged_id);
    if (!survivor || !merged) throw new AppError('not_found');
    if (survivor.merged_into) throw new AppError('conflict', { messageKey: 'personsMerge.errors.survivorMergedLater' });
    if (merged.merged_into !== merge.survivor_id)
      throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
    const { filled, links, tokensAdded } = merge.moved;
    const changed = Object.entries(filled)
      .filter(([k, f]) => (survivor[k] ?? null) !== f.after)
      .map(([k]) => k);
    if (changed.length)
      throw new AppError('conflict', {
        messageKey: 'personsMerge.errors.fieldsChanged',
        details: { columns: changed },
      });

    // The survivor gives back what it took first, so the merged record can re-enter the unique scope.
    const current = (survivor.name_tokens ?? []) as string[];
    const restored = (k: string) => (k in filled ? filled[k].before : (survivor[k] ?? null)) as string | null;
    const own = nameTokens(restored('last_name'), restored('first_name'), restored('patronymic'));
    const tokens = [...new Set([...current.filter((t) => !tokensAdded.includes(t)), ...own])];
    await setPersonColumns(c, {
      hromadaId,
      id: merge.survivor_id,
      userId: actor.userId,
      tokens,
      values: Object.fromEntries(Object.entries(filled).map(([k, f]) => [k, f.before])),
    });
    try {
      await unmarkMerged(c, hromadaId, merge.merged_id, actor.userId);
    } catch (e) {
      if ((e as { code?: string }).code === '23505')
        throw new AppError('conflict', { messageKey: 'personsMerge.errors.identifierTaken' });
      throw e;
    }
    await restoreLinks(c, hromadaId, merge.survivor_id, merge.merged_id, links, personLinks(o.hooks));
    await markUndone(c, o.mergeId, actor.userId);
    const fields = [...links.map((l) => l.table), ...Object.keys(filled).map((k) => `restored:${k}`)];
    for (const id of [merge.survivor_id, merge.merged_id]) {
      await audit({ action: 'person.unmerge', operation: 'write', entityType: 'person', entityId: id, fields, reason });
    }
    return { survivorId: merge.survivor_id, mergedId: merge.merged_id };
  });
}
