import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { loadDecisionSubject, loadHromadaDetails } from '../decisions.queries.js';
import { drawReceipt } from '../decisions.pdf.js';
import { renderDecisionPdf, verificationOrigin, type RenderedDecision } from './render-decision.js';
import { statusCodeOf } from '../status-code.js';

interface ProduceOptions { services: Services; actor: Actor | null; id: string; origin?: string; meta?: RequestMeta }

/** Staff download the decision of an application within their reach; the read is audited. */
export async function produceDecisionPdf(o: ProduceOptions): Promise<RenderedDecision> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await requireApplication(c, actor, 'applications.read', o.id);
    const r = await renderDecisionPdf(o.services, c, o.id, o.origin);
    if (!r) throw new AppError('not_found', { messageKey: 'decisions.errors.noDecision' });
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'application.decision.pdf', operation: 'read',
      entityType: 'application', entityId: o.id, fields: ['person', 'service', 'decision']
    });
    return r;
  });
}

/**
 * The intake receipt (registration number as text and Code 128, the check code for the public
 * status page and its address), for staff after registration; audited.
 */
export async function produceReceiptPdf(o: ProduceOptions): Promise<{ pdf: Buffer; ms: number }> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const started = performance.now();
  const data = await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await requireApplication(c, actor, 'applications.read', o.id);
    const a = (await loadDecisionSubject(c, o.id))!;
    if (!a.registration_number) throw new AppError('conflict', { messageKey: 'decisions.errors.noNumber' });
    await writeAudit(c, {
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: 'application.receipt.pdf', operation: 'read',
      entityType: 'application', entityId: o.id, fields: ['registrationNumber', 'service', 'deadline'], ip: o.meta?.ip,
      requestId: o.meta?.requestId,
    });
    const { rows } = await c.query<{ now: Date }>('SELECT now() AS now');
    const statusCode = await statusCodeOf(o.services, c, { hromadaId, applicationId: o.id, registrationNumber: a.registration_number });
    return { hromada: await loadHromadaDetails(c, hromadaId), registrationNumber: a.registration_number, serviceName: a.service_name,
      registeredOn: a.registered_on, deadline: a.deadline, processingDays: a.processing_days, printedAt: rows[0].now, statusCode,
      statusUrl: `${verificationOrigin(o.services, o.origin)}/status` };
  });
  return { pdf: await drawReceipt(data), ms: performance.now() - started };
}
