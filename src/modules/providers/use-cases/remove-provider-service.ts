import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Setting } from '../provider-rules.js';
import { deleteProviderService, loadProvider } from '../providers.queries.js';

/** Removes one setting of a service a provider delivers. Audited. */
export async function removeProviderService(
  o: UseCase<{ id: number; serviceId: string; setting: Setting }>,
): Promise<void> {
  return inTenant(o, 'providers.manage', async ({ c, hromadaId, audit }) => {
    if (!(await loadProvider(c, hromadaId, o.id))) throw new AppError('not_found');
    if (!(await deleteProviderService(c, hromadaId, o.id, o.serviceId, o.setting))) return;
    await audit({
      action: 'provider.service.remove',
      operation: 'write',
      entityType: 'agency',
      entityId: String(o.id),
      fields: ['service', 'setting'],
      reason: `service:${o.serviceId};setting:${o.setting}`,
    });
  });
}
