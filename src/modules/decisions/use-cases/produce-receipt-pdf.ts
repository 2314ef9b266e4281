import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { loadDecisionSubject, loadHromadaDetails, transactionNow } from '../decisions.queries.js';
import { drawReceipt } from '../decisions.pdf.js';
import { verificationOrigin } from '../decisions.render.js';
import { statusCodeOf } from '../status-code.js';

/**
 * The intake receipt (registration number as text and Code 128, the check code for the public
 * status page and its address), for staff after registration; audited.
 */
export async function produceReceiptPdf(
  o: UseCase<{ id: string; origin?: string }>,
): Promise<{ pdf: Buffer; ms: number }> {
  const started = performance.now();
  const data = await inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    await requireApplication(c, actor, 'applications.read', o.id);
    const a = await loadDecisionSubject(c, o.id);
    if (!a) throw new AppError('not_found');
    if (!a.registration_number) throw new AppError('conflict', { messageKey: 'decisions.errors.noNumber' });
    await audit({
      action: 'application.receipt.pdf',
      operation: 'read',
      entityType: 'application',
      entityId: o.id,
      fields: ['registrationNumber', 'service', 'deadline'],
    });
    const printedAt = await transactionNow(c);
    const statusCode = await statusCodeOf(o.services, c, {
      hromadaId,
      applicationId: o.id,
      registrationNumber: a.registration_number,
    });
    return {
      hromada: await loadHromadaDetails(c, hromadaId),
      registrationNumber: a.registration_number,
      serviceName: a.service_name,
      registeredOn: a.registered_on,
      deadline: a.deadline,
      processingDays: a.processing_days,
      printedAt,
      statusCode,
      statusUrl: `${verificationOrigin(o.services, o.origin)}/status`,
    };
  });
  return { pdf: await drawReceipt(data), ms: performance.now() - started };
}
