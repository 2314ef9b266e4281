import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Setting } from '../provider-rules.js';
import { insertProviderServices, loadProvider, serviceExists } from '../providers.queries.js';

/** Records that a provider delivers a catalogue service in the settings given (those already recorded stay). Audited. */
export async function addProviderServices(
  o: UseCase<{ id: number; serviceId: string; settings: Setting[] }>,
): Promise<void> {
  return inTenant(o, 'providers.manage', async ({ c, actor, hromadaId, audit }) => {
    if (!(await loadProvider(c, hromadaId, o.id))) throw new AppError('not_found');
    if (!(await serviceExists(c, hromadaId, o.serviceId))) throw problem('serviceId', 'providers.v.service');
    const added = await insertProviderServices(c, hromadaId, o.id, o.serviceId, o.settings, actor.userId);
    if (!added.length) return;
    await audit({
      action: 'provider.service.add',
      operation: 'write',
      entityType: 'agency',
      entityId: String(o.id),
      fields: ['service', 'setting'],
      reason: `service:${o.serviceId};settings:${added.join(',')}`,
    });
  });
}
