import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { updateServiceActive } from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';
import { recordHistory } from '../service-checks.js';

/** Takes a service out of the catalogue or puts it back (a new version, with the reason); the same state changes nothing. */
export async function setServiceActive(o: UseCase<{ id: string; active: boolean; reason: string }>): Promise<void> {
  await inTenant(o, 'catalogue.manage', async ({ c, actor, hromadaId, audit }) => {
    const card = await requireServiceCard(c, o.id, { lock: true });
    if (card.service.active === o.active) return;
    await recordHistory(c, { hromadaId, actor, card, reason: o.reason });
    await updateServiceActive(c, o.id, o.active, actor.userId);
    await audit({
      action: o.active ? 'catalogue.service.activate' : 'catalogue.service.deactivate',
      operation: 'admin',
      entityType: 'service',
      entityId: o.id,
      fields: ['active'],
      reason: o.reason,
    });
  });
}
