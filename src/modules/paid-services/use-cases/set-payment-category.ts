import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  averageMonthlyIncomeKop,
  incomeQuarterFor,
  mergeRules,
  rulesOn,
  shareByIncome,
  type CategoryKind,
} from '../paid-rules.js';
import {
  incomeFor,
  insertCategory,
  isExclusionViolation,
  ownRules,
  personName,
  serviceExists,
} from '../paid-services.queries.js';

export interface CategoryInput {
  serviceId: string;
  kind: CategoryKind;
  ground: string | null;
  decidedOn: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * Sets a recipient's payment category for a service over a period: free on a ground of art. 28, full, or by income —
 * the share computed from the income of the quarter before the month preceding the decision day and the rules in
 * force on that day (no such income recorded: refused). A period overlapping another category of the same service
 * is refused. Audited.
 */
export async function setPaymentCategory(o: UseCase<{ personId: string; input: CategoryInput }>): Promise<string> {
  try {
    return await inTenant(o, 'billing.manage', async ({ c, actor, hromadaId, audit }) => {
      const k = o.input;
      if ((await personName(c, hromadaId, o.personId)) === null) throw new AppError('not_found');
      if (!(await serviceExists(c, hromadaId, k.serviceId))) throw problem('serviceId', 'paid.v.service');
      let shareBp = k.kind === 'free' ? 0 : 10000;
      let ratio: number | null = null;
      let incomeId: string | null = null;
      if (k.kind === 'income') {
        const q = incomeQuarterFor(k.decidedOn);
        const income = await incomeFor(c, hromadaId, o.personId, q.year, q.quarter);
        if (!income) throw problem('kind', 'paid.v.noIncome', { quarter: q.quarter, year: q.year });
        const rules = rulesOn(k.decidedOn, mergeRules(await ownRules(c, hromadaId)));
        if (!rules) throw problem('decidedOn', 'paid.v.noRules');
        const share = shareByIncome(averageMonthlyIncomeKop(income.total_kop, income.members), rules);
        shareBp = share.shareBp;
        ratio = Math.round(share.ratio * 10000) / 10000;
        incomeId = income.id;
      }
      const id = await insertCategory(
        c,
        hromadaId,
        {
          personId: o.personId,
          serviceId: k.serviceId,
          kind: k.kind,
          ground: k.kind === 'free' ? k.ground : null,
          incomeId,
          decidedOn: k.decidedOn,
          ratio,
          shareBp,
          validFrom: k.validFrom,
          validTo: k.validTo,
        },
        actor.userId,
      );
      await audit({
        action: 'billing.category.create',
        operation: 'write',
        entityType: 'person',
        entityId: o.personId,
        fields: ['paymentCategory'],
      });
      return id;
    });
  } catch (e) {
    if (isExclusionViolation(e)) throw problem('validFrom', 'paid.v.categoryOverlap');
    throw e;
  }
}
