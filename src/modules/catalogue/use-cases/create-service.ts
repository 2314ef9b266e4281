import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { ServiceInput } from '../catalogue.schema.js';
import { insertService, replaceServiceParts } from '../catalogue.queries.js';
import { checkReferences, guardCode } from '../service-checks.js';

/** Adds a service card to the hromada's catalogue; a code already used or unknown providers/categories are refused. */
export async function createService(o: UseCase<{ input: ServiceInput }>): Promise<string> {
  return guardCode(() =>
    inTenant(o, 'catalogue.manage', async ({ c, actor, hromadaId, audit }) => {
      await checkReferences(c, o.input);
      const id = await insertService(c, hromadaId, actor.userId, o.input);
      await replaceServiceParts(c, hromadaId, id, o.input);
      await audit({
        action: 'catalogue.service.create',
        operation: 'admin',
        entityType: 'service',
        entityId: id,
        fields: ['card'],
      });
      return id;
    }),
  );
}
