import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { updatePerson, type PersonPatch } from '../../persons/use-cases/update-person.js';
import { requireConflict } from '../outreach.policy.js';
import { PATCH_COLUMN, personValues, resolveConflict as resolve } from '../outreach.queries.js';
import type { PatchField } from '../outreach.schema.js';

/**
 * Resolves a sync conflict field by field: for every field the device changed, the device's value or the one here. The
 * device's chosen values are written to the person (against the version the page showed: a person changed again
 * meanwhile is 409, shown afresh); the conflict keeps both versions, the choices and what was written. Audited.
 */
export async function resolveConflict(
  o: UseCase<{ id: string; version: number; choices: Record<string, 'device' | 'server'> }>,
) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    const k = await requireConflict(c, actor, o.id, true);
    if (k.status !== 'open') throw new AppError('conflict', { messageKey: 'outreach.errors.resolved' });
    const fields = Object.keys(k.device) as PatchField[];
    const missing = fields.find((f) => !o.choices[f]);
    if (missing) throw problem(`choice-${missing}`, 'outreach.v.choice');
    const now = await personValues(c, hromadaId, k.person_id);
    if (!now) throw new AppError('not_found');
    if (now.version !== o.version) throw problem('choices', 'outreach.v.changedAgain');
    const patch: PersonPatch = {};
    for (const f of fields)
      if (o.choices[f] === 'device' && k.device[f] !== now[PATCH_COLUMN[f]]) Object.assign(patch, { [f]: k.device[f] });
    if (Object.keys(patch).length > 0) {
      const r = await updatePerson({
        services: o.services,
        actor,
        meta: o.meta,
        tx: c,
        audit,
        id: k.person_id,
        patch,
        version: now.version,
        confirm: true,
      });
      if (r.kind !== 'updated') throw new AppError('conflict', { messageKey: 'outreach.errors.changedAgain' });
    }
    const server = Object.fromEntries(fields.map((f) => [f, now[PATCH_COLUMN[f]] ?? null]));
    await resolve(c, hromadaId, {
      id: k.id,
      resolution: { choices: o.choices, applied: patch, serverAtResolution: server },
      by: actor.userId,
    });
    await audit({
      action: 'outreach.conflict.resolve',
      operation: 'write',
      entityType: 'person',
      entityId: k.person_id,
      fields,
      reason: `conflict:${k.id} device:${fields.filter((f) => o.choices[f] === 'device').join(',') || '-'}`,
    });
  });
}
