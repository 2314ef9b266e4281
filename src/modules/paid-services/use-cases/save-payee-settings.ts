import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { savePayeeSettings as save, type PayeeSettings } from '../paid-services.queries.js';

/** Sets the payee's details printed on invoices, the days to pay and the payment purpose code. Audited. */
export async function savePayeeSettings(o: UseCase<{ settings: PayeeSettings }>): Promise<void> {
  return inTenant(o, 'billing.manage', async ({ c, actor, hromadaId, audit }) => {
    await save(c, hromadaId, o.settings, actor.userId);
    await audit({
      action: 'billing.payee.save',
      operation: 'write',
      entityType: 'hromada',
      entityId: String(hromadaId),
      fields: ['payee'],
    });
  });
}
