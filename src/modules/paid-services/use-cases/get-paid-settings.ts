import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { mergeRules, type PaymentRules } from '../paid-rules.js';
import { ownRules, payeeSettings, type PayeeSettings } from '../paid-services.queries.js';

export interface PaidSettings {
  /** The rules in force over time: the hromada's own over the defaults. */
  rules: PaymentRules[];
  /** The days from which the hromada set its own rules. */
  ownDays: string[];
  payee: PayeeSettings;
}

/** The hromada's rules of payment and payee details (no personal data: not audited as a read). */
export async function getPaidSettings(o: UseCase): Promise<PaidSettings> {
  return inTenant(o, 'billing.manage', async ({ c, hromadaId }) => {
    const own = await ownRules(c, hromadaId);
    return { rules: mergeRules(own), ownDays: own.map((r) => r.validFrom), payee: await payeeSettings(c, hromadaId) };
  });
}
