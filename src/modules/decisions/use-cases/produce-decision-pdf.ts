import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { renderDecisionPdf, type RenderedDecision } from '../decisions.render.js';

/** Staff download the decision of an application within their reach; the read is audited. */
export async function produceDecisionPdf(o: UseCase<{ id: string; origin?: string }>): Promise<RenderedDecision> {
  return inTenant(o, 'applications.read', async ({ c, actor, audit }) => {
    await requireApplication(c, actor, 'applications.read', o.id);
    const r = await renderDecisionPdf(o.services, c, o.id, o.origin);
    if (!r) throw new AppError('not_found', { messageKey: 'decisions.errors.noDecision' });
    await audit({
      action: 'application.decision.pdf',
      operation: 'read',
      entityType: 'application',
      entityId: o.id,
      fields: ['person', 'service', 'decision'],
    });
    return r;
  });
}
