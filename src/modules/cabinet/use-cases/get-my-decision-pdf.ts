import { AppError } from '../../../platform/errors.js';
import { renderDecisionPdf, type RenderedDecision } from '../../decisions/decisions.render.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';

/**
 * The decision document of the resident's own application (anyone else's, or identity not confirmed → 404;
 * no decision yet → 404); audited.
 */
export async function getMyDecisionPdf(o: ResidentCase<{ id: string; origin?: string }>): Promise<RenderedDecision> {
  return withOwnApplication(
    o.services,
    o.actor,
    o.id,
    false,
    async (c, a, _hromadaId, confirmed, audit) => {
      // The decision names the registry person: only for an account whose identity was confirmed for them.
      if (!confirmed) throw new AppError('not_found', { messageKey: 'cabinet.unconfirmed.noDecision' });
      const r = await renderDecisionPdf(o.services, c, a.id, o.origin);
      if (!r) throw new AppError('not_found', { messageKey: 'decisions.errors.noDecision' });
      await audit({
        action: 'cabinet.decision.pdf',
        operation: 'read',
        entityType: 'application',
        entityId: a.id,
        fields: ['person', 'service', 'decision'],
      });
      return r;
    },
    o.meta,
  );
}
