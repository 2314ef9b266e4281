import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { bandsProblem, type PaymentRules } from '../paid-rules.js';
import { saveRules } from '../paid-services.queries.js';

/**
 * Sets the hromada's rules of payment from a day (the subsistence minimum, the thresholds, the differentiated bands);
 * a day already set is replaced. Bands must cover the thresholds without gaps. Audited.
 */
export async function savePaymentRules(o: UseCase<{ rules: PaymentRules }>): Promise<void> {
  return inTenant(o, 'billing.manage', async ({ c, actor, hromadaId, audit }) => {
    const r = o.rules;
    if (r.fullAbove <= r.freeBelow) throw problem('fullAbove', 'paid.v.thresholds');
    const bad = bandsProblem(r.bands, r.freeBelow, r.fullAbove);
    if (bad) throw problem('bands', `paid.v.${bad}`);
    await saveRules(c, hromadaId, r, actor.userId);
    await audit({
      action: 'billing.rules.save',
      operation: 'write',
      entityType: 'hromada',
      entityId: String(hromadaId),
      fields: ['paymentRules'],
      reason: `${r.validFrom}: ${r.subsistenceKop / 100}; ${r.freeBelow}-${r.fullAbove}; ${r.bands.map((b) => `${b.from}-${b.to}:${b.percent}`).join(',')}`,
    });
  });
}
