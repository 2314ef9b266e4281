import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { nameTokens } from '../../persons/persons.tokens.js';
import { lockPersons, restoreLinks, setPersonColumns, type Moved } from '../persons-merge.moves.js';
import { requireReason } from './merge-persons.js';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * Undoes a merge (managers: it needs reading both records, see `registry.unmerge` in the policy): the survivor's filled fields get their old values, the
 * merged record becomes live again and exactly the moved rows go back to it. Refused (409) when
 * the survivor changed since in a way that conflicts: a filled field edited, a moved row gone,
 * or the survivor itself merged into another record later.
 */
export async function unmergePersons(o: {
  services: Services; actor: Actor | null; mergeId: string; reason: string; meta?: RequestMeta;
}): Promise<{ survivorId: string; mergedId: string }> {
  authorize(o.actor, 'registry.unmerge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const reason = requireReason(o.reason);
  if (!isUuid(o.mergeId)) throw new AppError('not_found');
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const { rows } = await c.query<{ survivor_id: string; merged_id: string; moved: Moved; undone_at: Date | null }>(
      `SELECT survivor_id, merged_id, moved, undone_at FROM person_merges WHERE id = $1 AND hromada_id = $2 FOR UPDATE`,
      [o.mergeId, hromadaId]);
    const merge = rows[0];
    if (!merge) throw new AppError('not_found');
    if (merge.undone_at) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyUndone' });
    for (const id of [merge.survivor_id, merge.merged_id]) await requirePerson(c, actor, 'registry.read', id);
    const persons = await lockPersons(c, hromadaId, [merge.survivor_id, merge.merged_id]);
    const survivor = persons.get(merge.survivor_id)!;
    const merged = persons.get(merge.merged_id)!;
    if (survivor.merged_into) throw new AppError('conflict', { messageKey: 'personsMerge.errors.survivorMergedLater' });
    if (merged.merged_into !== merge.survivor_id) throw new AppError('conflict', { messageKey: 'personsMerge.errors.rowsChanged' });
    const { filled, links, tokensAdded } = merge.moved;
    const changed = Object.entries(filled).filter(([k, f]) => (survivor[k] ?? null) !== f.after).map(([k]) => k);
    if (changed.length) throw new AppError('conflict', { messageKey: 'personsMerge.errors.fieldsChanged', details: { columns: changed } });

    // The survivor gives back what it took first, so the merged record can re-enter the unique scope.
    const current = (survivor.name_tokens ?? []) as string[];
    const restored = (k: string) => (k in filled ? filled[k].before : survivor[k] ?? null) as string | null;
    const own = nameTokens(restored('last_name'), restored('first_name'), restored('patronymic'));
    const tokens = [...new Set([...current.filter((t) => !tokensAdded.includes(t)), ...own])];
    await setPersonColumns(c, {
      hromadaId, id: merge.survivor_id, userId: actor.userId, tokens,
      values: Object.fromEntries(Object.entries(filled).map(([k, f]) => [k, f.before])),
    });
    try {
      await c.query(
        `UPDATE persons SET merged_into = NULL, version = version + 1, updated_at = now(), updated_by = $2
         WHERE id = $1 AND hromada_id = $3`, [merge.merged_id, actor.userId, hromadaId]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('conflict', { messageKey: 'personsMerge.errors.identifierTaken' });
      throw e;
    }
    await restoreLinks(c, hromadaId, merge.survivor_id, merge.merged_id, links);
    await c.query(`UPDATE person_merges SET undone_at = now(), undone_by = $2 WHERE id = $1`, [o.mergeId, actor.userId]);
    const fields = [...links.map((l) => l.table), ...Object.keys(filled).map((k) => `restored:${k}`)];
    for (const id of [merge.survivor_id, merge.merged_id]) {
      await writeAudit(c, {
        ...auditBy(actor, o.meta, hromadaId), action: 'person.unmerge', operation: 'write',
        entityType: 'person', entityId: id, fields, reason
      });
    }
    return { survivorId: merge.survivor_id, mergedId: merge.merged_id };
  });
}
