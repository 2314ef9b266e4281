import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { insertConsent } from '../consents.queries.js';
import type { ConsentInput } from '../consents.schema.js';

/** Records a consent the person gave (purpose, legal basis, scope, version of the text signed, date). */
export function recordConsent(o: UseCase<{ personId: string; input: ConsentInput }>): Promise<string> {
  return inTenant(o, 'registry.write', async ({ c, hromadaId, actor, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const id = await insertConsent(c, { hromadaId, personId: o.personId, recordedBy: actor.userId, input: o.input });
    await audit({
      action: 'consent.record',
      operation: 'write',
      entityType: 'consent',
      entityId: id,
      fields: ['purpose', 'legalBasis', 'scope', 'textVersion', 'givenOn'],
      reason: `person:${o.personId}`,
    });
    return id;
  });
}
