import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { renderDecisionPdf, type RenderedDecision } from '../../decisions/use-cases/render-decision.js';
import { withOwnApplication } from '../cabinet.access.js';

/** The decision document of the resident's own application (anyone else's, or identity not confirmed → 404; no decision yet → 404); audited. */
export async function myDecisionPdf(o: { services: Services; actor: Actor; id: string; origin?: string; meta?: RequestMeta })
  : Promise<RenderedDecision> {
  return withOwnApplication(o.services, o.actor, o.id, false, async (c, a, hromadaId, confirmed) => {
    // The decision names the registry person: only for an account whose identity was confirmed for them.
    if (!confirmed) throw new AppError('not_found', { messageKey: 'cabinet.unconfirmed.noDecision' });
    const r = await renderDecisionPdf(o.services, c, a.id, o.origin);
    if (!r) throw new AppError('not_found', { messageKey: 'decisions.errors.noDecision' });
    await writeAudit(c, {
      ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.decision.pdf', operation: 'read',
      entityType: 'application', entityId: a.id, fields: ['person', 'service', 'decision']
    });
    return r;
  });
}
