import type { UseCase } from '../../../platform/use-case.js';
import { auditWriter } from '../../../platform/audit.js';
import { byHromada, linksOf, livePersonIds } from '../../cabinet/cabinet.policy.js';
import { actsOfPersons, invoicesOfPersons, type InvoiceRow, type MyActRow } from '../paid-services.queries.js';

export interface MyPaidServices {
  linked: boolean;
  acts: MyActRow[];
  invoices: InvoiceRow[];
}

/**
 * What the resident's linked persons received (the service acts: days and time) and their invoices with status;
 * never another person's. The read is audited in each hromada of the links.
 */
export async function listMyPaidServices(o: UseCase): Promise<MyPaidServices> {
  const actor = o.actor;
  if (!actor) return { linked: false, acts: [], invoices: [] };
  const links = await linksOf(o.services, actor.userId);
  const out: MyPaidServices = { linked: links.length > 0, acts: [], invoices: [] };
  for (const [hromadaId, ids] of byHromada(links)) {
    await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const personIds = await livePersonIds(c, ids);
      const acts = await actsOfPersons(c, hromadaId, personIds);
      const invoices = await invoicesOfPersons(c, hromadaId, personIds);
      out.acts.push(...acts);
      out.invoices.push(...invoices);
      await auditWriter(c, actor, o.meta, { hromadaId })({
        action: 'cabinet.invoices.list',
        operation: 'read',
        entityType: 'invoice',
        fields: ['invoice', 'serviceActs'],
        reason: `results:${invoices.length}`,
      });
    });
  }
  return out;
}
