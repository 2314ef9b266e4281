import { AppError } from '../../../platform/errors.js';
import { auditWriter } from '../../../platform/audit.js';
import { isUuid } from '../../../platform/ids.js';
import type { UseCase } from '../../../platform/use-case.js';
import { byHromada, linksOf, livePersonIds } from '../../cabinet/cabinet.policy.js';
import { invoicePdfOf } from '../paid-services.documents.js';
import { loadInvoice } from '../paid-services.queries.js';

/**
 * The resident's invoice as a PDF: only an invoice of a person linked to the account; any other — another person's,
 * unknown, malformed — is 404. Audited in the invoice's hromada.
 */
export async function getMyInvoicePdf(o: UseCase<{ id: string }>): Promise<{ number: string; pdf: Buffer }> {
  const actor = o.actor;
  if (!actor || !isUuid(o.id)) throw new AppError('not_found');
  for (const [hromadaId, ids] of byHromada(await linksOf(o.services, actor.userId))) {
    const found = await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const inv = await loadInvoice(c, hromadaId, o.id);
      if (!inv || !(await livePersonIds(c, ids)).includes(inv.person_id)) return null;
      await auditWriter(c, actor, o.meta, { hromadaId })({
        action: 'cabinet.invoice.pdf',
        operation: 'read',
        entityType: 'invoice',
        entityId: inv.id,
        fields: ['invoice', 'invoiceLines'],
      });
      return { number: inv.number, pdf: await invoicePdfOf(c, hromadaId, inv) };
    });
    if (found) return found;
  }
  throw new AppError('not_found');
}
