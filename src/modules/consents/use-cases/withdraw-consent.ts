import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { withdrawConsentRow } from '../consents.queries.js';

/** Withdraws a consent today; the record stays with who withdrew it. */
export function withdrawConsent(o: UseCase<{ personId: string; consentId: string }>): Promise<void> {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    if (!(await withdrawConsentRow(c, { personId: o.personId, consentId: o.consentId, withdrawnBy: actor.userId }))) {
      throw new AppError('not_found');
    }
    await audit({
      action: 'consent.withdraw',
      operation: 'write',
      entityType: 'consent',
      entityId: o.consentId,
      fields: ['withdrawnOn'],
      reason: `person:${o.personId}`,
    });
  });
}
