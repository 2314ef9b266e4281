import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditAdmin, type RequestMeta } from '../../admin/admin.audit.js';
import { FormProblem } from '../../admin/form.js';
import type { SituationInput } from '../catalogue.schema.js';
import { findSituation } from '../catalogue.queries.js';

/** Changes a life situation's name, instruction and linked services (in the given order). */
export async function saveSituation(o: { db: Db; actor: Actor | null; meta: RequestMeta; id: string; input: SituationInput }) {
  authorize(o.actor, 'catalogue.manage');
  const actor = o.actor;
  const hromadaId = actor.hromadaId;
  if (hromadaId === null) throw new AppError('forbidden');
  await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const row = await findSituation(c, { id: o.id });
    if (!row) throw new AppError('not_found');
    const ids = [...new Set(o.input.services)];
    const found = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM services WHERE id = ANY($1::uuid[])', [ids]);
    if (found.rows[0].n !== ids.length) throw new FormProblem([{ field: 'services', key: 'catalogue.v.services' }]);
    await c.query(
      'UPDATE life_situations SET name = $2, summary = $3, instruction = $4, updated_at = now(), updated_by = $5 WHERE id = $1',
      [o.id, o.input.name, o.input.summary, o.input.instruction.join('\n'), actor.userId]);
    await c.query('DELETE FROM life_situation_services WHERE life_situation_id = $1', [o.id]);
    for (const [i, serviceId] of ids.entries()) {
      await c.query(
        'INSERT INTO life_situation_services (hromada_id, life_situation_id, service_id, position) VALUES ($1, $2, $3, $4)',
        [hromadaId, o.id, serviceId, i + 1]);
    }
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'catalogue.situation.update', entityType: 'life_situation',
      entityId: o.id, fields: ['name', 'summary', 'instruction', 'services'] });
  });
}
