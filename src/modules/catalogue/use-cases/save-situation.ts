import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { SituationInput } from '../catalogue.schema.js';
import { countServices, updateSituation } from '../catalogue.queries.js';
import { requireSituation } from '../catalogue.policy.js';

/** Changes a life situation's name, instruction and linked services (in the given order). */
export async function saveSituation(o: UseCase<{ id: string; input: SituationInput }>): Promise<void> {
  await inTenant(o, 'catalogue.manage', async ({ c, actor, hromadaId, audit }) => {
    await requireSituation(c, { id: o.id });
    const ids = [...new Set(o.input.services)];
    if ((await countServices(c, ids)) !== ids.length)
      throw new ValidationError([{ field: 'services', key: 'catalogue.v.services' }]);
    await updateSituation(c, hromadaId, o.id, actor.userId, o.input, ids);
    await audit({
      action: 'catalogue.situation.update',
      operation: 'admin',
      entityType: 'life_situation',
      entityId: o.id,
      fields: ['name', 'summary', 'instruction', 'services'],
    });
  });
}
