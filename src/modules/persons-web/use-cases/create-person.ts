import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { PersonInput } from '../../persons/persons.schema.js';
import { sealIdentifier } from '../../persons/persons.identifiers.js';
import { registerPersonIn, type RegisterResult, type RequestMeta } from '../../persons/use-cases/register-person.js';

/**
 * Registers a person from the web form and, in the same transaction, the identity document read
 * from the ID card or typed in (its number sealed, hashed for exact search, masked).
 */
export async function createPerson(o: { services: Services; actor: Actor | null; input: PersonInput; documentNumber?: string;
  confirm: boolean; meta?: RequestMeta }): Promise<RegisterResult> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const result = await registerPersonIn(c, o);
    if (result.kind !== 'created' || !o.documentNumber) return result;
    const doc = sealIdentifier(o.services, 'document', o.documentNumber);
    await c.query(
      `INSERT INTO person_documents (hromada_id, person_id, kind, number_sealed, number_hash, number_mask)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [hromadaId, result.id, /^\d{9}$/.test(o.documentNumber) ? 'id_card' : 'passport_book', doc.sealed, doc.hash, doc.mask]);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'person.document.add', operation: 'write',
      entityType: 'person', entityId: result.id, fields: ['documentNumber']
    });
    return result;
  });
}
