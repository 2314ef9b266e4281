import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { conflictingIdentifiers, fillFromMerged } from '../persons-merge.fill.js';
import { lockPersons, moveLinks, setPersonColumns, type Moved } from '../persons-merge.moves.js';

export interface MergeOptions {
  services: Services; actor: Actor | null; survivorId: string; mergedId: string; reason: string; meta?: RequestMeta;
}

export const REASON_MAX = 1000;

/** A reason is required for merges and unmerges; it goes to the audit trail. */
export function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw new AppError('validation', { messageKey: 'personsMerge.errors.reasonRequired' });
  if (r.length > REASON_MAX) throw new AppError('validation', { messageKey: 'personsMerge.errors.reasonTooLong' });
  return r;
}

/**
 * Merges two records of the same person in the actor's hromada, in one transaction: the merged
 * record points at the survivor (and so leaves search and the unique scope of РНОКПП/УНЗР),
 * every link moves to the survivor, the survivor's empty fields are filled from the merged
 * record, name tokens are united; all of it is remembered in `person_merges.moved` for an
 * exact undo. Both records get an audit entry with the reason.
 */
export async function mergePersons(o: MergeOptions): Promise<{ mergeId: string }> {
  authorize(o.actor, 'registry.merge');
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const reason = requireReason(o.reason);
  if (o.survivorId === o.mergedId) throw new AppError('validation', { messageKey: 'personsMerge.errors.same' });
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    for (const id of [o.survivorId, o.mergedId]) {
      await requirePerson(c, actor, 'registry.read', id);
      await requirePerson(c, actor, 'registry.merge', id);
    }
    const rows = await lockPersons(c, hromadaId, [o.survivorId, o.mergedId]);
    const survivor = rows.get(o.survivorId)!;
    const merged = rows.get(o.mergedId)!;
    if (survivor.merged_into || merged.merged_into) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyMerged' });
    if (conflictingIdentifiers(survivor, merged).length) {
      throw new AppError('conflict', { messageKey: 'personsMerge.errors.differentIdentifiers' });
    }
    // First out of the live set, so the survivor may take over its РНОКПП/УНЗР.
    await c.query(
      `UPDATE persons SET merged_into = $2, version = version + 1, updated_at = now(), updated_by = $3
       WHERE id = $1 AND hromada_id = $4`, [o.mergedId, o.survivorId, actor.userId, hromadaId]);
    const links = await moveLinks(c, hromadaId, o.survivorId, o.mergedId);
    const filled = fillFromMerged(survivor, merged);
    const own = (survivor.name_tokens ?? []) as string[];
    const tokensAdded = ((merged.name_tokens ?? []) as string[]).filter((t) => !own.includes(t));
    await setPersonColumns(c, {
      hromadaId, id: o.survivorId, userId: actor.userId, tokens: [...own, ...tokensAdded],
      values: Object.fromEntries(Object.entries(filled).map(([k, f]) => [k, f.after])),
    });
    const moved: Moved = { links, filled, tokensAdded };
    const { rows: ins } = await c.query<{ id: string }>(
      `INSERT INTO person_merges (hromada_id, survivor_id, merged_id, moved, merged_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [hromadaId, o.survivorId, o.mergedId, JSON.stringify(moved), actor.userId]);
    const fields = [...links.map((l) => l.table), ...Object.keys(filled).map((k) => `filled:${k}`)];
    for (const id of [o.survivorId, o.mergedId]) {
      await writeAudit(c, {
        ...auditBy(actor, o.meta, hromadaId), action: 'person.merge', operation: 'write',
        entityType: 'person', entityId: id, fields, reason
      });
    }
    return { mergeId: ins[0].id };
  });
}
