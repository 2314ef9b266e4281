import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { monthRange } from '../act-rules.js';
import { agencyReach } from '../service-acts.policy.js';
import { personInReach, personMonthActs, type ActRow } from '../service-acts.queries.js';

/**
 * A person's acts of a month (`YYYY-MM`), of the providers the actor reaches (a provider: its own). A person of
 * another hromada, or not a recipient of the provider's, is «not found». Audited as a read.
 */
export async function listPersonActs(o: UseCase<{ personId: string; month: string }>): Promise<ActRow[]> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId, audit }) => {
    const agencyIds = agencyReach(actor, 'acts.read');
    if (!(await personInReach(c, hromadaId, o.personId, agencyIds))) throw new AppError('not_found');
    const rows = await personMonthActs(c, hromadaId, { personId: o.personId, agencyIds, ...monthRange(o.month) });
    await audit({
      action: 'serviceAct.list',
      operation: 'read',
      entityType: 'person',
      entityId: o.personId,
      fields: ['serviceActs'],
      reason: `month:${o.month};results:${rows.length}`,
    });
    return rows;
  });
}
