import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { PersonInput } from '../../persons/persons.schema.js';
import { sealIdentifier } from '../../persons/persons.identifiers.js';
import { registerPerson, type RegisterResult } from '../../persons/use-cases/register-person.js';
import { insertPersonDocument } from '../persons-web.queries.js';

/**
 * Registers a person from the web form and, in the same transaction, the identity document read
 * from the ID card or typed in (its number sealed, hashed for exact search, masked).
 */
export async function createPerson(
  o: UseCase<{ input: PersonInput; documentNumber?: string; confirm: boolean }>,
): Promise<RegisterResult> {
  return inTenant(o, 'registry.write', async ({ c, hromadaId, audit }) => {
    const result = await registerPerson({ ...o, tx: c, audit });
    if (result.kind !== 'created' || !o.documentNumber) return result;
    const doc = sealIdentifier(o.services, 'document', o.documentNumber);
    await insertPersonDocument(
      c,
      hromadaId,
      result.id,
      /^\d{9}$/.test(o.documentNumber) ? 'id_card' : 'passport_book',
      doc,
    );
    await audit({
      action: 'person.document.add',
      operation: 'write',
      entityType: 'person',
      entityId: result.id,
      fields: ['documentNumber'],
    });
    return result;
  });
}
