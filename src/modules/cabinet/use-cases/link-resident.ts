import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';

export interface LinkResidentOptions {
  services: Services; actor: Actor | null; personId: string; email: string; meta?: RequestMeta;
}

/**
 * A front-office worker links a resident's account (found by its e-mail) to a registry person
 * after checking the person's ID document in person. Linking twice changes nothing.
 */
export async function linkResident(o: LinkResidentOptions): Promise<{ created: boolean }> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const person = await requirePerson(c, actor, 'registry.write', o.personId);
    if (person.mergedInto) throw new AppError('validation', { messageKey: 'cabinet.link.v.merged', details: { field: 'email' } });
    const u = await c.query<{ id: string }>(
      "SELECT id FROM users WHERE kind = 'resident' AND active AND lower(email) = lower($1)", [o.email]);
    if (!u.rows[0]) throw new AppError('validation', { messageKey: 'cabinet.link.v.noAccount', details: { field: 'email' } });
    const { rowCount } = await c.query(
      `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, person_id) DO NOTHING`, [u.rows[0].id, o.personId, hromadaId, actor.userId]);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: rowCount ? 'cabinet.link' : 'cabinet.link.repeated',
      operation: 'write', entityType: 'person', entityId: o.personId, fields: ['residentAccount'], reason: 'ID document checked in person'
    });
    return { created: (rowCount ?? 0) > 0 };
  });
}
