import { addDays, displayDate, kyivToday } from '../../../platform/dates.js';
import { auditWriter } from '../../../platform/audit.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { computeInvoice, monthBounds } from '../paid-rules.js';
import {
  actsOfMonth,
  agenciesWithActs,
  categoriesOf,
  existingInvoicePersons,
  insertInvoice,
  lockAgencyMonth,
  payeeSettings,
  tariffs,
} from '../paid-services.queries.js';
import { paymentPurpose } from '../paid-services.presenter.js';

export interface RunResult {
  /** Every invoice of the month for the providers run: the new ones and those a former run made. */
  invoiceIds: string[];
  created: number;
  existing: number;
  /** Acts on a day without a tariff for their service (not invoiced). */
  unpriced: number;
}

/**
 * The month's invoices of the hromada's providers (or of one): for every recipient with acts, one invoice per provider
 * from the acts (cancelled ones skipped), priced by the tariff and the category of each act's day (paid-rules.ts).
 * One transaction per provider, under a lock of that provider's month (its audit entries written with its commit); a recipient who already has the month's invoice
 * keeps it (the run is idempotent: re-running returns the same invoices and makes none twice). A recipient whose
 * month costs nothing gets no invoice. Each invoice written is audited.
 */
export async function runInvoices(o: UseCase<{ month: string; agencyId: number | null }>): Promise<RunResult> {
  const { first, last } = monthBounds(o.month);
  const { agencies, settings } = await inTenant(o, 'billing.manage', async ({ c, hromadaId }) => ({
    agencies: await agenciesWithActs(c, hromadaId, first, last, o.agencyId),
    settings: await payeeSettings(c, hromadaId),
  }));
  const result: RunResult = { invoiceIds: [], created: 0, existing: 0, unpriced: 0 };
  for (const agency of agencies) {
    await inTenant(o, 'billing.manage', async ({ c, actor, hromadaId }) => {
      // The entries go with the transaction's COMMIT (one round trip for the provider's month, not one per invoice).
      const audit = o.audit ?? auditWriter(c, actor, o.meta);
      await lockAgencyMonth(c, hromadaId, agency.id, o.month);
      const existing = await existingInvoicePersons(c, hromadaId, agency.id, o.month);
      const acts = await actsOfMonth(c, hromadaId, agency.id, first, last);
      const prices = (await tariffs(c, hromadaId, agency.id)).map((t) => ({
        id: t.id,
        serviceId: t.service_id,
        unit: t.unit,
        priceKop: t.price_kop,
        validFrom: t.valid_from,
        validTo: t.valid_to,
        limitCenti: t.limit_centi,
      }));
      const byPerson = new Map<string, typeof acts>();
      for (const a of acts) byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), a]);
      const categories = await categoriesOf(c, hromadaId, [...byPerson.keys()]);
      const today = kyivToday();
      let seq = existing.size; // the month's invoices of the provider so far (one per recipient)
      for (const [personId, personActs] of byPerson) {
        const had = existing.get(personId);
        if (had) {
          result.invoiceIds.push(had);
          result.existing++;
          continue;
        }
        const r = computeInvoice(
          personActs.map((a) => ({ serviceId: a.service_id, day: a.act_date, minutes: a.minutes })),
          prices,
          categories
            .filter((k) => k.person_id === personId)
            .map((k) => ({
              serviceId: k.service_id,
              shareBp: k.share_bp,
              validFrom: k.valid_from,
              validTo: k.valid_to,
            })),
        );
        result.unpriced += r.unpriced.length;
        if (r.totalKop === 0) continue;
        seq++;
        const number = `${o.month.replace('-', '')}-${agency.id}-${String(seq).padStart(4, '0')}`;
        const id = await insertInvoice(
          c,
          hromadaId,
          {
            agencyId: agency.id,
            personId,
            month: o.month,
            number,
            issuedOn: today,
            dueOn: addDays(today, settings.dueDays),
            totalKop: r.totalKop,
            purpose: paymentPurpose(settings.purposeCode, number, personId, displayDate(first).slice(3)),
            lines: r.lines,
          },
          actor.userId,
        );
        await audit({
          action: 'billing.invoice.create',
          operation: 'write',
          entityType: 'invoice',
          entityId: id,
          fields: ['invoice', 'invoiceLines'],
        });
        result.invoiceIds.push(id);
        result.created++;
      }
    });
  }
  return result;
}
