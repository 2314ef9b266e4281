import { canBePaidTo } from '../paid-rules.js';
import type { UseCase } from '../../../platform/use-case.js';
import { auditWriter } from '../../../platform/audit.js';
import { byHromada, linksOf, livePersonIds } from '../../cabinet/cabinet.policy.js';
import { together } from '../../../platform/db.js';
import {
  actsOfPersons,
  invoicesOfPersons,
  payeeSettings,
  type InvoiceRow,
  type MyActRow,
} from '../paid-services.queries.js';

export interface MyPaidServices {
  linked: boolean;
  acts: MyActRow[];
  invoices: InvoiceRow[];
  /** The invoices of hromadas that have not set the payee's IBAN or ЄДРПОУ code: they cannot be paid yet. */
  unpayable: Set<string>;
}

/**
 * What the resident's linked persons received (the service acts: days and time) and their invoices with status, and
 * which of them cannot be paid yet (their hromada has not set where to pay); never another person's. The read is
 * audited in each hromada of the links.
 */
export async function listMyPaidServices(o: UseCase): Promise<MyPaidServices> {
  const actor = o.actor;
  if (!actor) return { linked: false, acts: [], invoices: [], unpayable: new Set() };
  const links = await linksOf(o.services, actor.userId);
  const out: MyPaidServices = { linked: links.length > 0, acts: [], invoices: [], unpayable: new Set() };
  for (const [hromadaId, ids] of byHromada(links)) {
    await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const personIds = await livePersonIds(c, ids);
      const [acts, invoices, payee] = await together(
        c,
        () =>
          [
            actsOfPersons(c, hromadaId, personIds),
            invoicesOfPersons(c, hromadaId, personIds),
            payeeSettings(c, hromadaId),
          ] as const,
      );
      out.acts.push(...acts);
      out.invoices.push(...invoices);
      if (!canBePaidTo(payee)) for (const i of invoices) out.unpayable.add(i.id);
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
