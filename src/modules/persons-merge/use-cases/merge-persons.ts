import { authorize } from '../../../platform/policy.js';
import { AppError, problem } from '../../../platform/errors.js';
import type { HookRegistry } from '../../../platform/modules.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { conflictingIdentifiers, fillFromMerged } from '../persons-merge.fill.js';
import { personLinks } from '../persons-merge.links.js';
import {
  insertMerge,
  lockPersons,
  markMerged,
  moveLinks,
  setPersonColumns,
  type Moved,
} from '../persons-merge.queries.js';
import { requireReason } from '../persons-merge.schema.js';

/**
 * Merges two records of the same person in the actor's hromada, in one transaction: the merged
 * record points at the survivor (and so leaves search and the unique scope of РНОКПП/УНЗР),
 * every link (the registry's own tables and those the modules contribute to `personLinks`) moves
 * to the survivor, the survivor's empty fields are filled from the merged record, name tokens are
 * united; all of it is remembered in `person_merges.moved` for an exact undo. Both records get an
 * audit entry with the reason.
 */
export async function mergePersons(
  o: UseCase<{ hooks: HookRegistry; survivorId: string; mergedId: string; reason: string }>,
): Promise<{ mergeId: string }> {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const reason = requireReason(o.reason);
  if (o.survivorId === o.mergedId) throw problem('b', 'personsMerge.errors.same');
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    for (const id of [o.survivorId, o.mergedId]) {
      await requirePerson(c, actor, 'registry.read', id);
      await requirePerson(c, actor, 'registry.merge', id);
    }
    const rows = await lockPersons(c, hromadaId, [o.survivorId, o.mergedId]);
    const survivor = rows.get(o.survivorId);
    const merged = rows.get(o.mergedId);
    if (!survivor || !merged) throw new AppError('not_found');
    if (survivor.merged_into || merged.merged_into)
      throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyMerged' });
    if (conflictingIdentifiers(survivor, merged).length) {
      throw new AppError('conflict', { messageKey: 'personsMerge.errors.differentIdentifiers' });
    }
    // First out of the live set, so the survivor may take over its РНОКПП/УНЗР.
    await markMerged(c, hromadaId, o.mergedId, o.survivorId, actor.userId);
    const links = await moveLinks(c, hromadaId, o.survivorId, o.mergedId, personLinks(o.hooks));
    const filled = fillFromMerged(survivor, merged);
    const own = (survivor.name_tokens ?? []) as string[];
    const tokensAdded = ((merged.name_tokens ?? []) as string[]).filter((t) => !own.includes(t));
    await setPersonColumns(c, {
      hromadaId,
      id: o.survivorId,
      userId: actor.userId,
      tokens: [...own, ...tokensAdded],
      values: Object.fromEntries(Object.entries(filled).map(([k, f]) => [k, f.after])),
    });
    const moved: Moved = { links, filled, tokensAdded };
    const mergeId = await insertMerge(c, {
      hromadaId,
      survivorId: o.survivorId,
      mergedId: o.mergedId,
      moved,
      userId: actor.userId,
    });
    const fields = [...links.map((l) => l.table), ...Object.keys(filled).map((k) => `filled:${k}`)];
    for (const id of [o.survivorId, o.mergedId]) {
      await audit({ action: 'person.merge', operation: 'write', entityType: 'person', entityId: id, fields, reason });
    }
    return { mergeId };
  });
}
