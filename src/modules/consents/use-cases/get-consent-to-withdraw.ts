import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadConsent, type ConsentRow } from '../consents.queries.js';

/** The consent shown on the confirmation page before withdrawing it (an audited read). */
export function getConsentToWithdraw(o: UseCase<{ personId: string; consentId: string }>): Promise<ConsentRow> {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    await requirePerson(c, actor, 'registry.write', o.personId);
    const k = await loadConsent(c, o.personId, o.consentId);
    if (!k || k.withdrawn_on) throw new AppError('not_found');
    await audit({
      action: 'consent.view',
      operation: 'read',
      entityType: 'consent',
      entityId: k.id,
      fields: ['purpose', 'scope'],
      reason: `person:${o.personId}`,
    });
    return k;
  });
}
